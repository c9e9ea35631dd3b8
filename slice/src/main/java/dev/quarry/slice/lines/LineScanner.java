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
    long base = position - off;
    int end = off + len;
    int i = off;
    if (atLineStart && i < end) {
      lineStart(bytes, i, base);
    }
    // the hot loop only looks for newlines; line starts are rare
    while (i < end) {
      if (bytes[i++] == '\n' && i < end) {
        lineStart(bytes, i, base);
      }
    }
    atLineStart = len > 0 ? bytes[end - 1] == '\n' : atLineStart;
  }

  private void lineStart(byte[] bytes, int i, long base) {
    if (first < 0 || bytes[i] == first) {
      recordStart(0, base + i);
    }
  }

  @Override
  protected int next(int state) {
    return 0;
  }
}
