package dev.quarry.synth.write;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * CSV and TSV: UTF-8 without BOM, a header row of column names in the first
 * fragment, {@code \n} line endings (also inside quoted fields: values are written as they are).
 *
 * <p>Quoting is RFC 4180: a field is quoted when it contains the delimiter, a double quote, CR or
 * LF, and quotes inside are doubled. Additionally an empty string is written as {@code ""} while
 * null is an empty field, so the two stay distinguishable (PostgreSQL's {@code COPY ... CSV}
 * convention); readers that do not care see both as empty. In a one-column table a null is written
 * as {@code ""} too, since an empty line would be skipped by readers and the row lost. TSV uses the same rules with a tab
 * delimiter, so a tab or newline inside a value is quoted rather than escaped.
 *
 * <p>Values: numbers, dates and times as {@link ValueText} describes; booleans {@code true}/
 * {@code false}; non-finite doubles {@code NaN}, {@code Infinity}, {@code -Infinity} (what Java,
 * Python's {@code float()} and PostgreSQL parse).
 */
final class CsvFormat implements OutputFormat {

  private final String name;
  private final char delimiter;
  private final String mediaType;

  CsvFormat(String name, char delimiter, String mediaType) {
    this.name = name;
    this.delimiter = delimiter;
    this.mediaType = mediaType;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String mediaType() {
    return mediaType;
  }

  @Override
  public String extension() {
    return name;
  }

  @Override
  public boolean concatenable() {
    return true;
  }

  @Override
  public RowWriter open(OutputStream out, OutputSchema schema, Fragment fragment) throws IOException {
    ValueText.checkSchema(schema);
    Writer w = new Writer(new CharSink(out), delimiter, schema.columns().toArray(OutputColumn[]::new));
    if (fragment.first()) {
      w.header();
    }
    return w;
  }

  @Override
  public String toString() {
    return name;
  }

  /**
   * Writes straight into a char buffer: numbers and dates are formatted into {@link ValueText}'s
   * scratch array and copied, never turned into Strings, and a text field is scanned once for the
   * characters that need quoting. (FastCSV takes only String fields, which cost a String per number.)
   */
  private static final class Writer implements RowWriter {
    private final CharSink out;
    private final char delimiter;
    private final OutputColumn[] columns;
    private final ValueText text = new ValueText();

    Writer(CharSink out, char delimiter, OutputColumn[] columns) {
      this.out = out;
      this.delimiter = delimiter;
      this.columns = columns;
    }

    void header() throws IOException {
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) {
          out.append(delimiter);
        }
        text(columns[i].name());
      }
      out.append('\n');
    }

    @Override
    public void write(Object[] row) throws IOException {
      ValueText.checkRow(columns, row);
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) {
          out.append(delimiter);
        }
        field(columns[i], row[i]);
      }
      out.append('\n');
    }

    private void field(OutputColumn c, Object v) throws IOException {
      if (v == null) {
        // An empty field; alone on a line that would be an empty line, which readers skip, so a
        // one-column table writes "" and loses only null-vs-empty.
        if (columns.length == 1) {
          out.append('"').append('"');
        }
        return;
      }
      switch (c.type()) {
        case STRING -> text((String) v);
        case INTEGER -> out.append(text.chars, 0, text.formatLong(((Number) v).longValue()));
        case FLOAT -> {
          double d = ((Number) v).doubleValue();
          if (Double.isNaN(d)) {
            out.append("NaN");
          } else if (Double.isInfinite(d)) {
            out.append(d > 0 ? "Infinity" : "-Infinity");
          } else {
            out.append(text.chars, 0, text.formatDouble(d));
          }
        }
        case DECIMAL -> out.append(text.formatDecimal((BigDecimal) v, c.scale()));
        case BOOLEAN -> out.append(((Boolean) v) ? "true" : "false");
        case DATE -> out.append(text.chars, 0, text.formatDate((LocalDate) v));
        case TIME -> out.append(text.chars, 0, text.formatTime((LocalTime) v));
        case DATETIME -> out.append(text.chars, 0, text.formatDateTime((LocalDateTime) v, 'T'));
        default -> throw new IllegalStateException("unsupported type " + c.type());
      }
    }

    /** RFC 4180: quoted when empty or holding the delimiter, a quote, CR or LF; quotes doubled. */
    private void text(String s) throws IOException {
      int n = s.length();
      boolean quote = n == 0;
      for (int i = 0; i < n && !quote; i++) {
        char ch = s.charAt(i);
        quote = ch == delimiter || ch == '"' || ch == '\n' || ch == '\r';
      }
      if (!quote) {
        out.append(s);
        return;
      }
      out.append('"');
      int from = 0;
      for (int i = 0; i < n; i++) {
        if (s.charAt(i) == '"') {
          out.append(s, from, i + 1).append('"');
          from = i + 1;
        }
      }
      out.append(s, from, n).append('"');
    }

    @Override
    public void close() throws IOException {
      // flush, not close: the caller owns the stream
      out.flush();
    }
  }
}
