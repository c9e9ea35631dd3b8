package dev.quarry.slice.lines;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads records from a stream that starts at a record boundary, tracking the object offset of the
 * next byte. The record methods copy into a {@link RecordBuffer}, or only skip when it is null.
 */
public final class RecordInput implements Closeable {

  private final InputStream in;
  private final byte[] buf = new byte[64 * 1024];
  private int pos;
  private int lim;
  private long position;

  public RecordInput(InputStream in, long position) {
    this.in = in;
    this.position = position;
  }

  /** Object offset of the next byte. */
  public long position() {
    return position;
  }

  private boolean fill() throws IOException {
    if (pos < lim) {
      return true;
    }
    int n = in.read(buf, 0, buf.length);
    if (n <= 0) {
      return false;
    }
    pos = 0;
    lim = n;
    return true;
  }

  /** The next byte without consuming it, or -1 at the end. */
  public int peek() throws IOException {
    return fill() ? buf[pos] & 0xFF : -1;
  }

  /** Reads through the next '\n' (or to the end); false if already at the end. */
  public boolean readLine(RecordBuffer out) throws IOException {
    if (!fill()) {
      return false;
    }
    while (fill()) {
      int i = pos;
      while (i < lim && buf[i] != '\n') {
        i++;
      }
      boolean done = i < lim;
      int end = done ? i + 1 : lim;
      consume(out, end);
      if (done) {
        return true;
      }
    }
    return true;
  }

  /**
   * Reads one delimited record: through the next '\n' outside quotes (a doubled quote toggles
   * twice, so escapes need no special case); false if already at the end.
   */
  public boolean readQuotedRecord(RecordBuffer out, byte quote) throws IOException {
    if (!fill()) {
      return false;
    }
    boolean inQuotes = false;
    while (fill()) {
      int i = pos;
      boolean done = false;
      while (i < lim) {
        byte b = buf[i++];
        if (b == quote) {
          inQuotes = !inQuotes;
        } else if (b == '\n' && !inQuotes) {
          done = true;
          break;
        }
      }
      consume(out, i);
      if (done) {
        return true;
      }
    }
    return true;
  }

  private void consume(RecordBuffer out, int end) {
    if (out != null) {
      out.append(buf, pos, end - pos);
    }
    position += end - pos;
    pos = end;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
