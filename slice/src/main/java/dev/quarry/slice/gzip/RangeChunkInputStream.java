package dev.quarry.slice.gzip;

import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.RangeReadable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads an object from an offset to its end as a series of range requests that grow from 256 KiB to
 * 8 MiB, so a reader that stops early has fetched little more than it used (one open-ended GET
 * would make an object store send, or a client drain, the whole rest of the object).
 */
final class RangeChunkInputStream extends InputStream {

  private static final long FIRST = 256 * 1024;
  private static final long MAX = 8 * 1024 * 1024;

  private final RangeReadable file;
  private long position;
  private long nextLength = FIRST;
  private InputStream current;
  private long currentLeft;
  private boolean end;
  /** The object's size when known (an {@link InputFile}): no request past it. */
  private final long size;

  RangeChunkInputStream(RangeReadable file, long position) {
    this.file = file;
    this.position = position;
    this.size = file instanceof InputFile f ? f.length() : Long.MAX_VALUE;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (!end) {
      if (current == null) {
        if (position >= size) {
          end = true;
          break;
        }
        current = file.openRange(position, nextLength);
        currentLeft = nextLength;
        nextLength = Math.min(MAX, nextLength * 2);
      }
      int n = current.read(b, off, (int) Math.min(len, currentLeft));
      if (n > 0) {
        position += n;
        currentLeft -= n;
        if (currentLeft == 0) {
          closeCurrent();
        }
        return n;
      }
      // the range ended before its length: the object ends here
      closeCurrent();
      end = true;
    }
    return -1;
  }

  private void closeCurrent() throws IOException {
    InputStream c = current;
    current = null;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void close() throws IOException {
    end = true;
    closeCurrent();
  }
}
