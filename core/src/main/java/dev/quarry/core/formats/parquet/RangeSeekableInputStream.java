package dev.quarry.core.formats.parquet;

import dev.quarry.core.storage.InputFile;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.apache.parquet.io.SeekableInputStream;

/**
 * A seekable stream over a Quarry {@link InputFile} that fetches only the byte ranges Parquet asks
 * for: a seek drops the open range, and the next read opens a new one sized to that read. On S3 this
 * turns the footer and each column chunk into one ranged GET instead of downloading the object.
 *
 * <p>Small reads (Parquet reads the footer length and magic a few bytes at a time) are served from a
 * range of at least {@link #MIN_RANGE} bytes so they do not each cost a request; large reads (column
 * chunks) open a range of exactly their length, so nothing past what is needed is requested.
 */
final class RangeSeekableInputStream extends SeekableInputStream {

  /** The smallest range opened: a round trip costs more than reading this many extra bytes. */
  static final int MIN_RANGE = 64 * 1024;

  /** A forward seek within the open range up to this far is served by reading past the gap. */
  private static final int MAX_SKIP = 16 * 1024;

  private final InputFile file;
  private final long length;
  private InputStream range;
  private long rangeEnd; // exclusive end of the open range
  private long pos;
  private long bytesRead;
  private final byte[] one = new byte[1];

  RangeSeekableInputStream(InputFile file, long length) {
    this.file = file;
    this.length = length;
  }

  /** Bytes delivered to the reader so far. */
  long bytesRead() {
    return bytesRead;
  }

  @Override
  public long getPos() {
    return pos;
  }

  @Override
  public void seek(long newPos) throws IOException {
    if (newPos < 0 || newPos > length) {
      throw new EOFException("seek to " + newPos + " outside " + file.location() + " of " + length + " bytes");
    }
    if (newPos == pos) {
      return;
    }
    if (range != null && newPos > pos && newPos < rangeEnd && newPos - pos <= MAX_SKIP) {
      discard(newPos - pos);
      return;
    }
    closeRange();
    pos = newPos;
  }

  @Override
  public int read() throws IOException {
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (pos >= length) {
      return -1;
    }
    ensureRange(len);
    int n = range.read(b, off, (int) Math.min(len, rangeEnd - pos));
    if (n < 0) {
      throw new EOFException(file.location() + " ended at " + pos + ", before its stated length " + length);
    }
    pos += n;
    bytesRead += n;
    return n;
  }

  @Override
  public void readFully(byte[] bytes) throws IOException {
    readFully(bytes, 0, bytes.length);
  }

  @Override
  public void readFully(byte[] bytes, int start, int len) throws IOException {
    if (pos + len > length) {
      throw new EOFException("read of " + len + " bytes at " + pos + " past the end of " + file.location());
    }
    int done = 0;
    while (done < len) {
      done += read(bytes, start + done, len - done);
    }
  }

  @Override
  public int read(ByteBuffer buf) throws IOException {
    if (!buf.hasRemaining()) {
      return 0;
    }
    if (buf.hasArray()) {
      int n = read(buf.array(), buf.arrayOffset() + buf.position(), buf.remaining());
      if (n > 0) {
        buf.position(buf.position() + n);
      }
      return n;
    }
    byte[] chunk = new byte[Math.min(buf.remaining(), MIN_RANGE)];
    int n = read(chunk, 0, chunk.length);
    if (n > 0) {
      buf.put(chunk, 0, n);
    }
    return n;
  }

  @Override
  public void readFully(ByteBuffer buf) throws IOException {
    if (pos + buf.remaining() > length) {
      throw new EOFException(
          "read of " + buf.remaining() + " bytes at " + pos + " past the end of " + file.location());
    }
    while (buf.hasRemaining()) {
      read(buf);
    }
  }

  @Override
  public void close() throws IOException {
    closeRange();
  }

  /** Opens a range at {@code pos} when none is open or the open one is used up. */
  private void ensureRange(int wanted) throws IOException {
    if (range != null && pos < rangeEnd) {
      return;
    }
    closeRange();
    long len = Math.min(Math.max(wanted, MIN_RANGE), length - pos);
    range = file.openRange(pos, len);
    rangeEnd = pos + len;
  }

  private void discard(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    long left = n;
    while (left > 0) {
      int r = range.read(scratch, 0, (int) Math.min(left, scratch.length));
      if (r < 0) {
        throw new EOFException(file.location() + " ended at " + pos);
      }
      left -= r;
      pos += r;
    }
  }

  private void closeRange() throws IOException {
    if (range != null) {
      InputStream r = range;
      range = null;
      r.close();
    }
  }
}
