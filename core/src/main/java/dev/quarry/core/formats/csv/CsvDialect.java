package dev.quarry.core.formats.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * How a delimited text file is written.
 *
 * @param delimiter the field separator: {@code ,} {@code ;} {@code \t} or {@code |}
 * @param quote the quote character, {@code "} or {@code '}
 * @param header true when the first record after the skipped lines holds column names
 * @param skipLines physical lines before the header (or the first record): titles, blank lines
 * @param charset the text charset
 * @param bom true when the file starts with a byte-order mark that is not part of the text
 * @param comment the character that starts a comment line, or null when comments are not used
 */
public record CsvDialect(
    char delimiter,
    char quote,
    boolean header,
    int skipLines,
    Charset charset,
    boolean bom,
    Character comment) {

  public CsvDialect {
    Objects.requireNonNull(charset, "charset");
    if (skipLines < 0) {
      throw new IllegalArgumentException("skipLines must be >= 0: " + skipLines);
    }
    if (delimiter == quote) {
      throw new IllegalArgumentException("delimiter and quote must differ");
    }
  }

  /** RFC 4180: comma, double quote, a header line, UTF-8 without BOM. */
  public static CsvDialect rfc4180() {
    return new CsvDialect(',', '"', true, 0, StandardCharsets.UTF_8, false, null);
  }

  /** Tab-separated with a header line, UTF-8 without BOM. */
  public static CsvDialect tsv() {
    return new CsvDialect('\t', '"', true, 0, StandardCharsets.UTF_8, false, null);
  }

  /** Length in bytes of the byte-order mark to skip. */
  public int bomLength() {
    if (!bom) {
      return 0;
    }
    return charset.equals(StandardCharsets.UTF_8) ? 3 : 2;
  }

  public CsvDialect withHeader(boolean header) {
    return new CsvDialect(delimiter, quote, header, skipLines, charset, bom, comment);
  }

  public CsvDialect withSkipLines(int skipLines) {
    return new CsvDialect(delimiter, quote, header, skipLines, charset, bom, comment);
  }
}
