package dev.quarry.slice.gzip;

import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.RangeReadable;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * Decompressed bytes of a gzip object from a checkpoint to the end of the object (crossing into
 * the members that follow), reading the compressed bytes with range reads from the checkpoint on,
 * in growing chunks: stop reading once you have what you need. Members after the first are
 * CRC-checked; the one the checkpoint is in cannot be (its start is not read).
 */
public final class GzipCheckpointStream extends InputStream {

  private final InputStream compressed;
  private final GzipDecoder decoder;
  private byte[] buf;
  private int pos;
  private int limit;
  private boolean done;

  private GzipCheckpointStream(InputStream compressed, GzipDecoder decoder) {
    this.compressed = compressed;
    this.decoder = decoder;
  }

  /** Opens {@code file} at {@code cp}: the first byte read is the one at {@code cp.uncompressedOffset()}. */
  public static GzipCheckpointStream open(RangeReadable file, GzipCheckpoint cp) throws IOException {
    String name = file instanceof InputFile f ? f.location().toString() : null;
    return open(file, cp, name);
  }

  /** As {@link #open(RangeReadable, GzipCheckpoint)}; errors name {@code objectName}. */
  public static GzipCheckpointStream open(RangeReadable file, GzipCheckpoint cp, String objectName)
      throws IOException {
    Objects.requireNonNull(cp, "checkpoint");
    InputStream in = new RangeChunkInputStream(file, cp.compressedOffset());
    try {
      return new GzipCheckpointStream(in, GzipDecoder.fromCheckpoint(in, objectName, cp));
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  private boolean fill() throws IOException {
    while (pos >= limit) {
      if (done || !decoder.next()) {
        done = true;
        return false;
      }
      buf = decoder.buffer();
      pos = decoder.chunkStart();
      limit = decoder.chunkEnd();
    }
    return true;
  }

  @Override
  public int read() throws IOException {
    return fill() ? buf[pos++] & 0xff : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, limit - pos);
    System.arraycopy(buf, pos, b, off, n);
    pos += n;
    return n;
  }

  /** Skips by decoding without copying. */
  @Override
  public long skip(long n) throws IOException {
    long skipped = 0;
    while (skipped < n && fill()) {
      int k = (int) Math.min(n - skipped, limit - pos);
      pos += k;
      skipped += k;
    }
    return skipped;
  }

  @Override
  public int available() {
    return limit - pos;
  }

  @Override
  public void close() throws IOException {
    done = true;
    pos = limit;
    compressed.close();
  }
}
