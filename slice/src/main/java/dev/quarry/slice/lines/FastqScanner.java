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
    boolean lineStart = atLineStart;
    long base = position - off;
    long k = lines;
    for (int i = off, end = off + len; i < end; i++) {
      byte b = bytes[i];
      if (lineStart) {
        int r = (int) (k & 3);
        int header = (4 - r) & 3;
        recordStart(header, base + i);
        if (b != '@') {
          error(header, base + i, "a FASTQ record must start with '@', found " + shown(b));
        }
        if (b != '+') {
          error((6 - r) & 3, base + i, "FASTQ record is missing its '+' line (found " + shown(b) + ")");
        }
        k++;
      }
      lineStart = b == '\n';
    }
    lines = k;
    atLineStart = lineStart;
  }

  private static String shown(byte b) {
    return b == '\n' ? "an empty line" : b >= 32 && b < 127 ? "'" + (char) b + "'" : "byte " + (b & 0xFF);
  }

  @Override
  protected int next(int state) {
    return (int) ((state + lines) & 3);
  }
}
