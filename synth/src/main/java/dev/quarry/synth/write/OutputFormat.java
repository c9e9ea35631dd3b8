package dev.quarry.synth.write;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;

/**
 * A way to write rows: CSV, TSV, JSON, JSONL, SQL, XML, Parquet. Serializable, since shard tasks
 * carry it to the engine's workers; a format holds settings only.
 */
public interface OutputFormat extends Serializable {

  /** The name users give ({@code csv}, {@code sql}, ...). */
  String name();

  /** The media type served over HTTP ({@code text/csv}, ...). */
  String mediaType();

  /** The file extension without dot. */
  String extension();

  /**
   * Whether fragments can be concatenated into one file. Parquet cannot: its shards become part files,
   * or one writer writes all rows in order.
   */
  boolean concatenable();

  /** Opens a writer for one fragment; the caller owns and closes {@code out} after the writer. */
  RowWriter open(OutputStream out, OutputSchema schema, Fragment fragment) throws IOException;
}
