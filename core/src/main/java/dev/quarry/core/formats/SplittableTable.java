package dev.quarry.core.formats;

import java.io.IOException;

/**
 * A table whose records can be read from a byte range of its file on their own, so that a big file
 * is read by many workers at once (line-based text: CSV, TSV, JSONL).
 */
public interface SplittableTable extends Table {

  /** The file's length in bytes. */
  long length();

  /**
   * Reads the records that <em>start</em> in {@code [start, end)}: when {@code start > 0} the reader
   * skips to the first record boundary at or after {@code start}; it reads past {@code end} to finish
   * the record that began before it. Adjacent ranges therefore read every record exactly once.
   */
  RecordReader open(long start, long end) throws IOException;
}
