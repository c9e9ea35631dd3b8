package dev.quarry.synth;

import dev.quarry.synth.generate.RowGenerator;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Rows {@code [from, to)} of one table, computed on demand: constant memory however long the range.
 * Each {@link #next()} returns a new array the caller may keep. Not thread-safe.
 */
public final class RowIterator implements Iterator<Object[]> {

  private final RowGenerator generator;
  private final long to;
  private long next;

  RowIterator(RowGenerator generator, long from, long to) {
    this.generator = generator;
    this.next = from;
    this.to = to;
  }

  @Override
  public boolean hasNext() {
    return next < to;
  }

  @Override
  public Object[] next() {
    if (next >= to) {
      throw new NoSuchElementException();
    }
    return generator.row(next++);
  }

  /** Index in the table of the row {@link #next()} returns. */
  public long position() {
    return next;
  }

  public long remaining() {
    return to - next;
  }
}
