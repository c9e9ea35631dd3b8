package dev.quarry.slice.lines;

/**
 * FASTQ record starts: every fourth line. State s = the index (0..3) within its record of the
 * chunk's first line start; line k of the chunk is then line (s + k) mod 4 of a record. Line 0 must
 * begin with '@' and line 2 with '+'; a violation is an error of the state under which it happens.
 */
final class FastqScanner extends ChunkScanner {

  private long lines;

  FastqScanner(long spacing, boolean atLineStart) {
    super(4, spacing, atLineStart);
  }

  @Override
  public void feed(byte[] bytes, int off, int len, long position) {
    long base = position - off;
    int end = off + len;
    int i = off;
    if (atLineStart && i < end) {
      lineStart(bytes[i], base + i);
    }
    // the hot loop only looks for newlines
    while (i < end) {
      if (bytes[i++] == '\n' && i < end) {
        lineStart(bytes[i], base + i);
      }
    }
    atLineStart = len > 0 ? bytes[end - 1] == '\n' : atLineStart;
  }

  private void lineStart(byte b, long position) {
    int r = (int) (lines & 3);
    int header = (4 - r) & 3;
    recordStart(header, position);
    if (b != '@' && !failed(header)) { // the message is built once per state, not per line
      error(header, position, "a FASTQ record must start with '@', found " + shown(b));
    }
    if (b != '+' && !failed((6 - r) & 3)) {
      error((6 - r) & 3, position, "FASTQ record is missing its '+' line (found " + shown(b) + ")");
    }
    lines++;
  }

  private static String shown(byte b) {
    return b == '\n' ? "an empty line" : b >= 32 && b < 127 ? "'" + (char) b + "'" : "byte " + (b & 0xFF);
  }

  @Override
  protected int next(int state) {
    return (int) ((state + lines) & 3);
  }
}
