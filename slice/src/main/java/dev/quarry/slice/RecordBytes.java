package dev.quarry.slice;

import java.io.IOException;
import java.io.InputStream;

/** A slice's records (optionally after the object's header) as one byte stream. */
final class RecordBytes extends InputStream {

  private final RecordStream records;
  private byte[] current;
  private int pos;

  RecordBytes(RecordStream records, byte[] header) {
    this.records = records;
    this.current = header;
  }

  private boolean fill() throws IOException {
    while (current != null && pos >= current.length) {
      current = records.next();
      pos = 0;
    }
    return current != null;
  }

  @Override
  public int read() throws IOException {
    return fill() ? current[pos++] & 0xFF : -1;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    if (!fill()) {
      return -1;
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}
