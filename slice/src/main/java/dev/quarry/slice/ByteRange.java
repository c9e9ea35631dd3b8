package dev.quarry.slice;

import java.io.Serializable;

/** Bytes {@code [start, end)} of an object; 64-bit offsets. */
public record ByteRange(long start, long end) implements Serializable {

  public ByteRange {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad byte range [" + start + ", " + end + ")");
    }
  }

  public long length() {
    return end - start;
  }
}
