package dev.quarry.slice.gzip;

import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.io.InputStream;

/**
 * Builds a {@link GzipIndex} in one pass over a gzip object (one member or several concatenated,
 * trailing zero padding allowed), checking every member's CRC-32 and length, and hands every
 * decompressed byte to a sink on the way.
 */
public final class GzipIndexer {

  private GzipIndexer() {}

  /**
   * Indexes {@code compressed} (read to its end, not closed), recording a checkpoint at the start
   * of the first member and then at the first deflate block boundary (or member start) at least
   * {@code spanBytes} of output after the previous checkpoint.
   *
   * @throws GzipFormatException if the data is truncated or corrupt (message names the offset)
   */
  public static GzipIndex index(InputStream compressed, long spanBytes, UncompressedSink sink)
      throws IOException {
    return index(compressed, spanBytes, sink, null);
  }

  /** As {@link #index(InputStream, long, UncompressedSink)}; errors name {@code objectName}. */
  public static GzipIndex index(InputStream compressed, long spanBytes, UncompressedSink sink,
      String objectName) throws IOException {
    if (spanBytes <= 0) {
      throw new IllegalArgumentException("gzip checkpoint span must be positive: " + spanBytes);
    }
    GzipDecoder decoder = GzipDecoder.fromStart(compressed, objectName, spanBytes);
    while (decoder.next()) {
      int len = decoder.chunkEnd() - decoder.chunkStart();
      if (len > 0 && sink != null) {
        sink.accept(decoder.buffer(), decoder.chunkStart(), len);
      }
    }
    return new GzipIndex(decoder.compressedPosition(), decoder.uncompressedPosition(),
        decoder.members(), decoder.checkpoints());
  }

  /** Indexes a whole object, streaming it; errors name its location. */
  public static GzipIndex index(InputFile file, long spanBytes, UncompressedSink sink)
      throws IOException {
    try (InputStream in = file.newStream()) {
      return index(in, spanBytes, sink, file.location().toString());
    }
  }
}
