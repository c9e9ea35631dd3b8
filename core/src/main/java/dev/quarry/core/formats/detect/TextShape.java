package dev.quarry.core.formats.detect;

import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.csv.CsvSniffer;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.UnexpectedEndOfInputException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Tells JSON, JSON Lines, CSV, TSV and prose apart from the decoded head of a text file. */
final class TextShape {

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  /** Lines checked to call a file JSON Lines. */
  private static final int JSONL_LINES_CHECKED = 100;

  private TextShape() {}

  /**
   * @param text the decoded sample, BOM removed
   * @param truncated true when the file goes on after the sample
   * @param fileName the name, used only to settle a one-line sample
   */
  static Format classify(String text, boolean truncated, String fileName) {
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    String body = text.strip();
    if (body.isEmpty()) {
      return Format.TEXT;
    }
    char first = body.charAt(0);
    if (first == '{' || first == '[') {
      int jsonLines = countJsonLines(text, truncated);
      boolean namedLines = name.endsWith(".jsonl") || name.endsWith(".ndjson");
      if (jsonLines >= 2 || (jsonLines == 1 && namedLines)) {
        return Format.JSONL;
      }
      if (isJsonDocument(text, truncated)) {
        return Format.JSON;
      }
      // Named JSON and shaped like it, but broken: read it as JSON so the reader reports where.
      if (namedLines) {
        return Format.JSONL;
      }
      if (name.endsWith(".json") || name.endsWith(".geojson")) {
        return Format.JSON;
      }
    }
    Optional<Character> delimiter = CsvSniffer.delimiterOf(text, truncated);
    if (delimiter.isPresent()) {
      return delimiter.get() == '\t' ? Format.TSV : Format.CSV;
    }
    if (!body.contains("\n") && (name.endsWith(".csv") || name.endsWith(".tsv"))) {
      return name.endsWith(".tsv") ? Format.TSV : Format.CSV; // a header-only file
    }
    return Format.TEXT;
  }

  /**
   * The number of leading non-blank lines that each hold exactly one complete JSON value, or 0 as
   * soon as one line does not (a pretty-printed document's first line is a lone brace).
   */
  private static int countJsonLines(String text, boolean truncated) {
    String[] lines = text.split("\n", -1);
    int last = truncated ? lines.length - 1 : lines.length; // the cut last line proves nothing
    int count = 0;
    for (int i = 0; i < last && count < JSONL_LINES_CHECKED; i++) {
      String line = lines[i].strip();
      if (line.isEmpty()) {
        continue;
      }
      if (!isSingleValue(line)) {
        return 0;
      }
      count++;
    }
    return count;
  }

  private static boolean isSingleValue(String line) {
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (JacksonException e) {
      return false;
    }
  }

  /** One JSON value, valid as far as the sample goes. */
  private static boolean isJsonDocument(String text, boolean truncated) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() == null) {
        return false;
      }
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (UnexpectedEndOfInputException e) {
      return truncated;
    } catch (JacksonException e) {
      return false;
    }
  }
}
