package dev.quarry.slice.lines;

import java.io.IOException;

/**
 * Tab-separated values with a header line: one record per line. TSV has no quoting (fields hold no
 * tabs or newlines), so a stray quote in a field is just a character here.
 */
public final class TsvFormat extends RecordFormat {

  @Override
  public String name() {
    return "tsv";
  }

  @Override
  protected void readHeader(RecordInput in, RecordBuffer out) throws IOException {
    in.readLine(out);
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
