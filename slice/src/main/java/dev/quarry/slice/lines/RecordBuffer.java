package dev.quarry.slice.lines;

import java.util.Arrays;

/** A growable byte array holding one record's bytes. */
public final class RecordBuffer {

  private byte[] data = new byte[256];
  private int size;

  void append(byte[] bytes, int off, int len) {
    if (size + len > data.length) {
      data = Arrays.copyOf(data, Math.max(size + len, data.length * 2));
    }
    System.arraycopy(bytes, off, data, size, len);
    size += len;
  }

  void clear() {
    size = 0;
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(data, size);
  }
}
