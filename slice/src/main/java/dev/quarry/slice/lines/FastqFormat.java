package dev.quarry.slice.lines;

import dev.quarry.slice.SliceException;
import java.io.IOException;

/** FASTQ: a read is four lines (@id, sequence, '+', qualities); sequences are not wrapped. */
public final class FastqFormat extends RecordFormat {

  @Override
  public String name() {
    return "fastq";
  }

  @Override
  public ChunkScanner newScanner(long spacing, boolean atLineStart) {
    return new FastqScanner(spacing, atLineStart);
  }

  @Override
  public boolean readRecord(RecordInput in, RecordBuffer out) throws IOException {
    if (!in.readLine(out)) {
      return false;
    }
    in.readLine(out);
    in.readLine(out);
    in.readLine(out);
    return true;
  }

  @Override
  protected void checkEnd(String object, int finalState, long mark, long lastRecordStart)
      throws SliceException {
    if (finalState != 0) {
      throw new SliceException(
          object, lastRecordStart,
          "truncated FASTQ record: the object ends after " + finalState + " of its 4 lines");
    }
  }
}
