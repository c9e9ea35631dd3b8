package dev.quarry.core.formats;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the records of one table, one at a time, never holding the whole table.
 *
 * <p>For formats without a header (JSON), the schema can grow while reading: new columns are
 * appended at the end, and records read earlier simply had no value there. Each row array has
 * exactly {@code schema().size()} entries as of the moment it is returned. Readers may reuse nothing
 * between rows: callers may keep a row.
 */
public interface RecordReader extends Closeable {

  Schema schema();

  /** The next record's values, aligned with {@link #schema()}, or null at the end. */
  Object[] next() throws IOException;

  /** Bytes of input consumed so far (compressed bytes for compressed input), or -1 if unknown. */
  default long bytesRead() {
    return -1;
  }
}
