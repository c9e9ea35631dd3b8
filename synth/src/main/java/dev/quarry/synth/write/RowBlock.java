package dev.quarry.synth.write;

import java.util.List;

/**
 * Consecutive rows of one table, column by column: what generators fill and writers drain in bulk
 * ({@link RowWriter#write(RowBlock)}). Each column keeps the {@link ColumnVector.Form} the
 * generator chose for it; {@link #row} gives any row back as boxed values. Reused from block to
 * block, so a writer must not keep it past the call. Not thread-safe.
 */
public final class RowBlock {

  /** Rows per block when the caller has no reason to choose: big enough to amortise per-block work. */
  public static final int DEFAULT_CAPACITY = 1024;

  private final OutputSchema schema;
  private final ColumnVector[] vectors;
  private final int capacity;
  private int size;
  private long firstRow;

  /**
   * A block of {@code capacity} rows of {@code schema} with column {@code i} held in {@code forms.get(i)}.
   */
  public RowBlock(OutputSchema schema, List<ColumnVector.Form> forms, int capacity) {
    if (forms.size() != schema.columns().size()) {
      throw new IllegalArgumentException(
          forms.size() + " column forms for " + schema.columns().size() + " columns of " + schema.table());
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("block capacity must be at least 1");
    }
    this.schema = schema;
    this.capacity = capacity;
    this.vectors = new ColumnVector[forms.size()];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = new ColumnVector(schema.columns().get(i), forms.get(i), capacity);
    }
  }

  public OutputSchema schema() {
    return schema;
  }

  public int width() {
    return vectors.length;
  }

  public ColumnVector column(int i) {
    return vectors[i];
  }

  public int capacity() {
    return capacity;
  }

  /** How many rows the block holds now. */
  public int size() {
    return size;
  }

  /** The table's index of the block's first row. */
  public long firstRow() {
    return firstRow;
  }

  /** Starts a refill with {@code size} rows from table row {@code firstRow}. */
  public void reset(long firstRow, int size) {
    if (size < 0 || size > capacity) {
      throw new IllegalArgumentException("block size " + size + " outside 0.." + capacity);
    }
    for (ColumnVector v : vectors) {
      v.clearObjects();
    }
    this.firstRow = firstRow;
    this.size = size;
  }

  /** Row {@code k} of the block as boxed values, into {@code out} (length {@link #width()}). */
  public void row(int k, Object[] out) {
    if (k < 0 || k >= size) {
      throw new IndexOutOfBoundsException("row " + k + " of a block of " + size);
    }
    for (int i = 0; i < vectors.length; i++) {
      out[i] = vectors[i].get(k);
    }
  }
}
