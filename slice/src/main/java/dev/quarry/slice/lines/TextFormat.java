package dev.quarry.slice.lines;

import java.io.IOException;

/** Plain text: one record per line. */
public final class TextFormat extends RecordFormat {

  @Override
  public String name() {
    return "text";
  }

  @Override
  public ChunkScanner newScanner(long spacing, boolean atLineStart) {
    return new LineScanner(spacing, atLineStart, -1);
  }

  @Override
  public boolean readRecord(RecordInput in, RecordBuffer out) throws IOException {
    return in.readLine(out);
  }
}
