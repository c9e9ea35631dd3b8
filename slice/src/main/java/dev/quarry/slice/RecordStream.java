package dev.quarry.slice;

import java.io.Closeable;
import java.io.IOException;

/**
 * The records of one slice, in order, as their original bytes (terminator included; decompressed
 * for gzip objects). Parquet rows, which have no bytes of their own, come as JSON lines.
 */
public interface RecordStream extends Closeable {

  /** The next record's bytes, or null after the last one. */
  byte[] next() throws IOException;
}
