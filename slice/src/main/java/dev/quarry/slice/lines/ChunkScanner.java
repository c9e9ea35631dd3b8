package dev.quarry.slice.lines;

/**
 * Finds record starts in a run of bytes, for every possible parser state at the run's start at
 * once (a CSV chunk may start inside or outside quotes; a FASTQ chunk on any of a record's four
 * lines). Bytes come in order through {@link #feed}; scanners are single-use and not thread-safe.
 */
public abstract class ChunkScanner {

  final Branch[] branches;
  private final long spacing;
  /** True when the next byte fed starts a line. */
  protected boolean atLineStart;

  protected ChunkScanner(int states, long spacing, boolean atLineStart) {
    this.branches = new Branch[states];
    for (int i = 0; i < states; i++) {
      branches[i] = new Branch();
    }
    this.spacing = spacing;
    this.atLineStart = atLineStart;
  }

  /** Scans {@code bytes[off, off+len)}, the object's bytes at {@code position}. */
  public abstract void feed(byte[] bytes, int off, int len, long position);

  /** The state at the end of the bytes fed so far, given state {@code state} at their start. */
  protected abstract int next(int state);

  protected final void recordStart(int state, long position) {
    branches[state].recordStart(position, spacing);
  }

  protected final void error(int state, long position, String message) {
    branches[state].error(position, message);
  }

  /** True once an error was recorded under {@code state} (only the first one is kept). */
  protected final boolean failed(int state) {
    return branches[state].error != null;
  }

  protected final void mark(int state, long position) {
    branches[state].mark = position;
  }

  final ChunkSummary finish(long start, long end) {
    int[] next = new int[branches.length];
    for (int s = 0; s < next.length; s++) {
      next[s] = next(s);
    }
    return new ChunkSummary(start, end, branches, next);
  }
}
