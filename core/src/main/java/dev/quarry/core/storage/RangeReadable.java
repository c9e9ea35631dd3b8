package dev.quarry.core.storage;

import java.io.IOException;
import java.io.InputStream;

/** Reads a byte range of an object without downloading the rest (Iceberg's RangeReadable). */
public interface RangeReadable {

  /**
   * A stream over {@code length} bytes starting at {@code offset}; shorter if the object ends first.
   * A {@code length} of {@code -1} reads to the end.
   */
  InputStream openRange(long offset, long length) throws IOException;

  /** Fills {@code buffer[off, off+len)} with the bytes at {@code position}, or throws EOFException. */
  default void readFully(long position, byte[] buffer, int off, int len) throws IOException {
    try (InputStream in = openRange(position, len)) {
      int n = in.readNBytes(buffer, off, len);
      if (n < len) {
        throw new java.io.EOFException("read " + n + " of " + len + " bytes at " + position);
      }
    }
  }
}
