package dev.quarry.core.formats.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.quarry.core.storage.InputFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;

/**
 * Finds where records start in the bytes of a delimited file, so that a byte range can be read on
 * its own. Works on bytes, so only for charsets where the newline, quote and delimiter are single
 * ASCII bytes (UTF-8, Latin-1, Windows-1252), see {@link #supports}.
 *
 * <p>A record starts after a newline that is outside quotes. From an arbitrary offset the quote
 * state is unknown, so both guesses are tried: the first newline reached with an even number of
 * quotes (we started outside a quoted field) and with an odd number (we started inside one). When
 * they disagree, the records that follow each candidate are parsed from a bounded window and the
 * candidate whose records have the table's field count wins; an exact tie goes to "outside", the
 * common case. This is the heuristic of common split-CSV readers: it can be fooled by adversarial
 * quoting, but it is a pure function of the offset, so adjacent ranges always agree on their shared
 * boundary and every byte belongs to exactly one range. A precise record index can replace it.
 */
final class RecordBoundaries {

  /** Bytes examined after an offset to choose between the two quote-state guesses. */
  static final int WINDOW = 256 * 1024;
  /** Records parsed after each candidate to score it. */
  private static final int RECORDS_SCORED = 16;

  private final InputFile file;
  private final CsvDialect dialect;
  private final long length;

  RecordBoundaries(InputFile file, CsvDialect dialect) {
    this.file = file;
    this.dialect = dialect;
    this.length = file.length();
  }

  /** True when the charset writes newline, quote and delimiter as their single ASCII bytes. */
  static boolean supports(CsvDialect dialect) {
    Charset cs = dialect.charset();
    String probe = "\n\r" + dialect.delimiter() + dialect.quote();
    byte[] encoded = probe.getBytes(cs);
    if (encoded.length != probe.length()) {
      return false;
    }
    for (int i = 0; i < encoded.length; i++) {
      if (encoded[i] != probe.charAt(i)) {
        return false;
      }
    }
    return cs.newEncoder().maxBytesPerChar() <= 4 && !cs.name().startsWith("UTF-16")
        && !cs.name().startsWith("UTF-32");
  }

  /**
   * The offset where the header (if any) starts: after the BOM and the skipped lines.
   * Also the start of the data when the dialect has no header.
   */
  long headerStart() throws IOException {
    return scanFrom(dialect.bomLength(), dialect.skipLines(), false);
  }

  /** The offset of the first data record: after the BOM, the skipped lines and the header. */
  long dataStart() throws IOException {
    return scanFrom(dialect.bomLength(), dialect.skipLines(), dialect.header());
  }

  /** Skips {@code lines} physical lines and then, if asked, one quote-aware record. */
  private long scanFrom(long start, int lines, boolean skipRecord) throws IOException {
    if (start >= length) {
      return length;
    }
    byte quote = (byte) dialect.quote();
    long position = start;
    try (InputStream in = new BufferedInputStream(file.openRange(start, -1), 64 * 1024)) {
      for (int line = 0; line < lines; line++) {
        int b;
        do {
          b = in.read();
          if (b < 0) {
            return length;
          }
          position++;
        } while (b != '\n');
      }
      if (!skipRecord) {
        return position;
      }
      boolean inQuotes = false;
      int b;
      while ((b = in.read()) >= 0) {
        position++;
        if (b == quote) {
          inQuotes = !inQuotes; // an escaped "" toggles twice, leaving the state as it was
        } else if (b == '\n' && !inQuotes) {
          return position;
        }
      }
      return length;
    }
  }

  /** The first record start at or after {@code offset}, given the data starts at {@code dataStart}. */
  long atOrAfter(long offset, long dataStart, int fieldCount) throws IOException {
    if (offset <= dataStart) {
      return dataStart;
    }
    if (offset >= length) {
      return length;
    }
    // a record starts at offset exactly when the byte before it is a newline: start one byte early
    long from = offset - 1;
    byte[] window;
    try (InputStream in = file.openRange(from, WINDOW)) {
      window = in.readNBytes(WINDOW);
    }
    boolean atEnd = from + window.length >= length;
    int outside = firstNewline(window, window.length, false);
    int inside = firstNewline(window, window.length, true);
    int chosen;
    if (outside == inside || inside < 0) {
      chosen = outside;
    } else if (outside < 0) {
      chosen = inside;
    } else {
      int insideScore = score(window, inside, fieldCount, atEnd);
      chosen = insideScore > score(window, outside, fieldCount, atEnd) ? inside : outside;
    }
    if (chosen >= 0) {
      return from + chosen + 1;
    }
    return scanPastWindow(from + window.length, parityAtEnd(window));
  }

  /**
   * A record longer than the window: keep streaming from its end, under the "started outside
   * quotes" guess, to the next unquoted newline. Constant memory however long the record.
   */
  private long scanPastWindow(long start, boolean inQuotes) throws IOException {
    if (start >= length) {
      return length;
    }
    byte quote = (byte) dialect.quote();
    long position = start;
    try (InputStream in = new BufferedInputStream(file.openRange(start, -1), 64 * 1024)) {
      int b;
      while ((b = in.read()) >= 0) {
        position++;
        if (b == quote) {
          inQuotes = !inQuotes;
        } else if (b == '\n' && !inQuotes) {
          return position;
        }
      }
    }
    return length;
  }

  private boolean parityAtEnd(byte[] window) {
    boolean inQuotes = false;
    for (byte b : window) {
      if (b == (byte) dialect.quote()) {
        inQuotes = !inQuotes;
      }
    }
    return inQuotes;
  }

  /** Index of the first newline outside quotes, assuming the window starts inside quotes or not. */
  private int firstNewline(byte[] window, int n, boolean startInQuotes) {
    byte quote = (byte) dialect.quote();
    boolean inQuotes = startInQuotes;
    for (int i = 0; i < n; i++) {
      byte b = window[i];
      if (b == quote) {
        inQuotes = !inQuotes;
      } else if (b == '\n' && !inQuotes) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Records after the newline at {@code newline} with the expected field count, minus those
   * without: a wrong guess parses quoted text as records of the wrong width.
   */
  private int score(byte[] window, int newline, int fieldCount, boolean atEndOfFile) {
    String text = new String(window, newline + 1, window.length - newline - 1, dialect.charset());
    int score = 0;
    int seen = 0;
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .fieldSeparator(dialect.delimiter())
            .quoteCharacter(dialect.quote())
            .allowExtraFields(true)
            .allowMissingFields(true)
            .allowUnclosedQuote(true)
            .allowExtraCharsAfterClosingQuote(true)
            .ofCsvRecord(text)) {
      CsvRecord previous = null;
      for (CsvRecord record : reader) {
        // the record before this one is complete; the window's last one may be cut
        if (previous != null) {
          score += previous.getFieldCount() == fieldCount ? 1 : -1;
        }
        previous = record;
        if (++seen > RECORDS_SCORED) {
          break;
        }
      }
      if (previous != null && seen <= RECORDS_SCORED && atEndOfFile) {
        score += previous.getFieldCount() == fieldCount ? 1 : -1;
      }
    } catch (IOException | RuntimeException e) {
      return score; // unparseable from here: the guess keeps what it earned so far
    }
    return score;
  }
}
