package dev.quarry.synth.write;

import java.io.Closeable;
import java.io.IOException;

/** Writes rows of one fragment, streaming; {@code close()} writes the fragment's ending. */
public interface RowWriter extends Closeable {

  /** Writes one row of boxed values (the classes {@link OutputColumn} names), checked first. */
  void write(Object[] row) throws IOException;

  /**
   * Writes the rows of a block in order, with the same bytes as writing each row on its own. The
   * default boxes each row; writers on the hot path read the typed columns instead. Values in a
   * block come from a generator and are trusted to fit their columns.
   */
  default void write(RowBlock block) throws IOException {
    Object[] row = new Object[block.width()];
    for (int k = 0; k < block.size(); k++) {
      block.row(k, row);
      write(row);
    }
  }
}
