package dev.quarry.slice.lines;

/**
 * CSV record starts: a newline outside quotes. State 0 = the chunk starts outside quotes, 1 =
 * inside. Every quote flips the state (a doubled quote flips it twice), so a newline is a record
 * end under exactly one of the two states: the one equal to the parity of the quotes before it.
 * The mark is the last quote that opened a quoted field.
 */
final class QuotedScanner extends ChunkScanner {

  private final byte quote;
  private int parity;

  QuotedScanner(long spacing, boolean atLineStart, byte quote) {
    super(2, spacing, atLineStart);
    this.quote = quote;
  }

  @Override
  public void feed(byte[] bytes, int off, int len, long position) {
    boolean lineStart = atLineStart;
    int p = parity;
    long base = position - off;
    for (int i = off, end = off + len; i < end; i++) {
      byte b = bytes[i];
      if (lineStart) {
        recordStart(p, base + i);
      }
      if (b == quote) {
        mark(p, base + i); // opens a field under the state that was outside here
        p ^= 1;
      }
      lineStart = b == '\n';
    }
    parity = p;
    atLineStart = lineStart;
  }

  @Override
  protected int next(int state) {
    return state ^ parity;
  }
}
