package dev.quarry.slice.lines;

import dev.quarry.slice.SliceException;
import java.io.IOException;

/**
 * CSV (RFC 4180) with a header record: quoted fields may hold commas, quotes ("") and newlines;
 * lines may end in CRLF. The scan tracks the quote state exactly, so every cut is at a record
 * boundary, never inside a quoted newline.
 */
public final class CsvFormat extends RecordFormat {

  private static final byte QUOTE = '"';

  @Override
  public String name() {
    return "csv";
  }

  @Override
  protected void readHeader(RecordInput in, RecordBuffer out) throws IOException {
    in.readQuotedRecord(out, QUOTE);
  }

  @Override
  public ChunkScanner newScanner(long spacing, boolean atLineStart) {
    return new QuotedScanner(spacing, atLineStart, QUOTE);
  }

  @Override
  public boolean readRecord(RecordInput in, RecordBuffer out) throws IOException {
    return in.readQuotedRecord(out, QUOTE);
  }

  @Override
  protected void checkEnd(String object, int finalState, long mark, long lastRecordStart)
      throws SliceException {
    if (finalState != 0) {
      throw new SliceException(object, mark, "unclosed quote: the quoted field opened here never ends");
    }
  }
}
