package dev.quarry.slice.gzip;

import java.io.IOException;

/**
 * Receives every decompressed byte, in order, while {@link GzipIndexer} builds an index, so the
 * caller (a format counting records, finding boundaries) needs no second pass over the object. The
 * array is reused after the call returns: copy what must be kept.
 */
@FunctionalInterface
public interface UncompressedSink {

  void accept(byte[] b, int off, int len) throws IOException;

  /** A sink that drops the bytes (indexing only). */
  static UncompressedSink discard() {
    return (b, off, len) -> {};
  }
}
