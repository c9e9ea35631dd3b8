package dev.quarry.core.formats.csv;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.quarry.core.formats.detect.EncodingSniffer;
import dev.quarry.core.formats.detect.SniffedCharset;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Guesses the {@link CsvDialect} of a file from its first 64 KiB.
 *
 * <p>Every candidate delimiter and quote is tried with FastCSV on the sample; the layout whose
 * records most consistently share one field count wins. Records at the top whose count differs from
 * that dominant count (a title, a blank line) are junk to skip before the header. A header is a first
 * record of distinct, non-numeric names that do not look like the values below them.
 */
public final class CsvSniffer {

  public static final int SAMPLE_SIZE = 64 * 1024;

  static final char[] DELIMITERS = {',', ';', '\t', '|'};
  private static final char[] QUOTES = {'"', '\''};
  /** At most this many records of the sample are examined. */
  private static final int MAX_RECORDS = 1000;
  /** Junk is only looked for among the first records: a preamble, not a ragged body. */
  private static final int MAX_JUNK = 10;
  /** Share of body records with the dominant field count for a layout to count as delimited. */
  private static final double DELIMITED_CONSISTENCY = 0.9;

  private static final Pattern NUMBER =
      Pattern.compile("[-+]?(\\d[\\d_]*)?([.,]\\d+)?([eE][-+]?\\d+)?%?");
  private static final Pattern DATE_LIKE =
      Pattern.compile("\\d{1,4}[-/.]\\d{1,2}[-/.]\\d{1,4}([ T].*)?|\\d{1,2}:\\d{2}(:\\d{2})?.*");
  private static final Set<String> BOOLEANS = Set.of("true", "false", "yes", "no", "t", "f");

  private CsvSniffer() {}

  /** Sniffs the dialect from the file's first {@value #SAMPLE_SIZE} bytes. */
  public static CsvDialect sniff(InputFile file) throws IOException {
    byte[] head;
    try (InputStream in = file.openRange(0, SAMPLE_SIZE)) {
      head = in.readNBytes(SAMPLE_SIZE);
    }
    return sniff(head, head.length, head.length == SAMPLE_SIZE);
  }

  /**
   * Sniffs the dialect from the head of a file.
   *
   * @param truncated true when the file goes on after the sample, so its last line may be cut
   */
  public static CsvDialect sniff(byte[] head, int length, boolean truncated) {
    SniffedCharset charset = EncodingSniffer.sniff(head, length, truncated);
    String text = completeLines(EncodingSniffer.decode(head, length, charset), truncated);
    Layout layout = bestLayout(text, truncated);
    if (layout == null) {
      // nothing delimited: one column per line, read as plain CSV
      return new CsvDialect(',', '"', false, 0, charset.charset(), charset.hasBom(), null);
    }
    List<CsvRecord> body = layout.body();
    boolean header = !body.isEmpty() && looksLikeHeader(body.get(0), body.subList(1, body.size()));
    int skipLines = body.isEmpty() ? 0 : (int) body.get(0).getStartingLineNumber() - 1;
    return new CsvDialect(
        layout.delimiter(),
        layout.quote(),
        header,
        skipLines,
        charset.charset(),
        charset.hasBom(),
        hasCommentLines(layout) ? '#' : null);
  }

  /**
   * The delimiter of a text sample whose records consistently share a field count of two or more,
   * or empty when the text is not delimited (prose, one column). Used by format detection.
   *
   * @param truncated true when the sample is the head of a longer text
   */
  public static Optional<Character> delimiterOf(String text, boolean truncated) {
    Layout layout = bestLayout(completeLines(text, truncated), truncated);
    if (layout == null
        || layout.consistency() < DELIMITED_CONSISTENCY
        || layout.dominant() < 2
        || layout.body().size() < 2) {
      return Optional.empty();
    }
    return Optional.of(layout.delimiter());
  }

  /**
   * A delimiter and quote tried on the sample.
   *
   * @param records all records of the sample, blank lines included
   * @param junk leading records to skip before the header
   * @param dominant the field count most records share
   * @param consistency the share of non-blank records after the junk that have the dominant count
   */
  private record Layout(
      char delimiter,
      char quote,
      List<CsvRecord> records,
      int junk,
      int dominant,
      double consistency) {

    List<CsvRecord> body() {
      return records.subList(junk, records.size());
    }
  }

  private static Layout bestLayout(String text, boolean truncated) {
    List<Layout> layouts = new ArrayList<>();
    for (char delimiter : DELIMITERS) {
      for (char quote : QUOTES) {
        Layout layout = layout(text, truncated, delimiter, quote);
        if (layout != null && layout.dominant() > 1) {
          layouts.add(layout);
        }
      }
    }
    // Most consistent first; then the one needing fewer skipped lines (a ';' file with decimal
    // commas has a consistent comma count too, but only below its header); then more columns.
    // The stable sort keeps the candidate order (',' before ';', '"' before '\'') for exact ties.
    return layouts.stream()
        .sorted(
            Comparator.comparingDouble(Layout::consistency)
                .reversed()
                .thenComparingInt(Layout::junk)
                .thenComparing(Comparator.comparingInt(Layout::dominant).reversed()))
        .findFirst()
        .orElse(null);
  }

  private static Layout layout(String text, boolean truncated, char delimiter, char quote) {
    List<CsvRecord> records = new ArrayList<>();
    try (CsvReader<CsvRecord> reader =
        CsvReader.builder()
            .fieldSeparator(delimiter)
            .quoteCharacter(quote)
            .skipEmptyLines(false)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .allowUnclosedQuote(true)
            .allowExtraCharsAfterClosingQuote(true)
            .ofCsvRecord(text)) {
      for (CsvRecord record : reader) {
        records.add(record);
        if (records.size() > MAX_RECORDS) {
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // FastCSV rejects the sample under this quote: the layout is not a candidate
      return null;
    }
    if (truncated && records.size() > 1) {
      records.remove(records.size() - 1); // may have been cut inside a quoted field
    }
    while (!records.isEmpty() && isBlank(records.get(records.size() - 1))) {
      records.remove(records.size() - 1);
    }
    if (records.isEmpty()) {
      return null;
    }
    int dominant = dominantCount(records);
    int junk = 0;
    while (junk < Math.min(MAX_JUNK, records.size() - 1)
        && records.get(junk).getFieldCount() != dominant) {
      junk++;
    }
    int considered = 0;
    int matching = 0;
    for (CsvRecord record : records.subList(junk, records.size())) {
      if (isBlank(record)) {
        continue;
      }
      considered++;
      if (record.getFieldCount() == dominant) {
        matching++;
      }
    }
    double consistency = considered == 0 ? 0 : (double) matching / considered;
    return new Layout(delimiter, quote, records, junk, dominant, consistency);
  }

  private static int dominantCount(List<CsvRecord> records) {
    Map<Integer, Integer> frequency = new HashMap<>();
    for (CsvRecord record : records) {
      if (!isBlank(record)) {
        frequency.merge(record.getFieldCount(), 1, Integer::sum);
      }
    }
    // the highest count wins a tie: a preamble line rarely has as many fields as the data
    return frequency.entrySet().stream()
        .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey)
        .orElse(1);
  }

  /**
   * Votes column by column: a column whose values are mostly typed (numbers, dates, booleans) under
   * a textual first cell, or whose values share one length the first cell lacks, votes for a header;
   * a first cell that recurs among the column's values votes against.
   */
  static boolean looksLikeHeader(CsvRecord first, List<CsvRecord> rest) {
    Set<String> names = new HashSet<>();
    for (String name : first.getFields()) {
      String n = name.strip();
      if (n.isEmpty() || isTyped(n) || !names.add(n)) {
        return false;
      }
    }
    if (rest.isEmpty()) {
      return true; // a single line of distinct names: a header of an empty table
    }
    int votes = 0;
    for (int col = 0; col < first.getFieldCount(); col++) {
      String name = first.getField(col).strip();
      int values = 0;
      int typed = 0;
      boolean recurs = false;
      Set<Integer> lengths = new HashSet<>();
      for (CsvRecord record : rest) {
        if (col >= record.getFieldCount()) {
          continue;
        }
        String value = record.getField(col).strip();
        if (value.isEmpty()) {
          continue;
        }
        values++;
        typed += isTyped(value) ? 1 : 0;
        lengths.add(value.length());
        recurs |= value.equals(name);
      }
      if (recurs) {
        votes--;
      } else if (values > 0 && typed >= values * 0.8) {
        votes++;
      } else if (lengths.size() == 1 && !lengths.contains(name.length())) {
        votes++;
      }
    }
    // no evidence either way (all free text): distinct textual names are far more often a header
    return votes >= 0;
  }

  private static boolean isTyped(String value) {
    return (NUMBER.matcher(value).matches() && value.chars().anyMatch(Character::isDigit))
        || DATE_LIKE.matcher(value).matches()
        || BOOLEANS.contains(value.toLowerCase(Locale.ROOT));
  }

  private static boolean hasCommentLines(Layout layout) {
    List<CsvRecord> body = layout.body();
    for (CsvRecord record : body.subList(Math.min(1, body.size()), body.size())) {
      if (record.getField(0).startsWith("#") && record.getFieldCount() != layout.dominant()) {
        return true;
      }
    }
    return false;
  }

  private static boolean isBlank(CsvRecord record) {
    return record.getFieldCount() == 1 && record.getField(0).isBlank();
  }

  private static String completeLines(String text, boolean truncated) {
    if (!truncated) {
      return text;
    }
    int lastNewline = text.lastIndexOf('\n');
    return lastNewline < 0 ? text : text.substring(0, lastNewline + 1);
  }
}
