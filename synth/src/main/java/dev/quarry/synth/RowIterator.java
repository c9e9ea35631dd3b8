package dev.quarry.synth;

import dev.quarry.synth.generate.RowGenerator;
import dev.quarry.synth.write.RowBlock;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Rows {@code [from, to)} of one table, computed on demand: constant memory however long the range.
 * Each {@link #next()} returns a new array the caller may keep; {@link #next(RowBlock)} fills a
 * reusable block, the fast way to hand rows to a writer. Not thread-safe.
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

  /** A block laid out for {@link #next(RowBlock)}: each column in its generator's cheapest form. */
  public RowBlock newBlock(int capacity) {
    return generator.newBlock(capacity);
  }

  /**
   * Fills {@code block} with the next rows (up to its capacity) and returns how many; 0 at the end.
   * The same values as {@link #next()} gives, without a boxed object per typed cell.
   */
  public int next(RowBlock block) {
    int n = (int) Math.min(block.capacity(), to - next);
    generator.fill(next, n, block);
    next += n;
    return n;
  }

  /** Index in the table of the row {@link #next()} returns. */
  public long position() {
    return next;
  }

  public long remaining() {
    return to - next;
  }
}
