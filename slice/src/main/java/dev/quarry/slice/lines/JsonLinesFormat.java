package dev.quarry.slice.lines;

import java.io.IOException;

/** JSON lines: one JSON value per line (a JSON string cannot hold a raw newline). */
public final class JsonLinesFormat extends RecordFormat {

  @Override
  public String name() {
    return "jsonl";
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
