package dev.quarry.slice.lines;

import java.io.IOException;

/**
 * FASTA: a record is a sequence, its '>' description line and the sequence lines up to the next
 * '>' line. Lines before the first '>' (comments) are the header.
 */
public final class FastaFormat extends RecordFormat {

  @Override
  public String name() {
    return "fasta";
  }

  @Override
  protected void readHeader(RecordInput in, RecordBuffer out) throws IOException {
    while (in.peek() >= 0 && in.peek() != '>') {
      in.readLine(out);
    }
  }

  @Override
  public ChunkScanner newScanner(long spacing, boolean atLineStart) {
    return new LineScanner(spacing, atLineStart, '>');
  }

  @Override
  public boolean readRecord(RecordInput in, RecordBuffer out) throws IOException {
    if (!in.readLine(out)) {
      return false;
    }
    while (in.peek() >= 0 && in.peek() != '>') {
      in.readLine(out);
    }
    return true;
  }
}
