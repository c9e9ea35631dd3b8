package dev.quarry.synth.write;

import java.io.Closeable;
import java.io.IOException;

/** Writes rows of one fragment, streaming; {@code close()} writes the fragment's ending. */
public interface RowWriter extends Closeable {

  void write(Object[] row) throws IOException;
}
