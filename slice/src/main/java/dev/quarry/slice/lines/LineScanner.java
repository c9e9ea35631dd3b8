package dev.quarry.slice.lines;

/** Records that start at line starts (every line, or lines beginning with one given byte). */
final class LineScanner extends ChunkScanner {

  private final int first;

  /** @param first the byte a record's first line begins with, or -1 for every line */
  LineScanner(long spacing, boolean atLineStart, int first) {
    super(1, spacing, atLineStart);
    this.first = first;
  }

  @Override
  public void feed(byte[] bytes, int off, int len, long position) {
    boolean lineStart = atLineStart;
    long base = position - off;
    for (int i = off, end = off + len; i < end; i++) {
      byte b = bytes[i];
      if (lineStart && (first < 0 || b == first)) {
        recordStart(0, base + i);
      }
      lineStart = b == '\n';
    }
    atLineStart = lineStart;
  }

  @Override
  protected int next(int state) {
    return 0;
  }
}
