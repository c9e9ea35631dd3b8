package dev.quarry.synth.write;

import de.siegmar.fastcsv.writer.CsvWriter;
import de.siegmar.fastcsv.writer.LineDelimiter;
import de.siegmar.fastcsv.writer.QuoteStrategies;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

/**
 * CSV and TSV through FastCSV: UTF-8 without BOM, a header row of column names in the first
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
    CsvWriter csv = CsvWriter.builder()
        .fieldSeparator(delimiter)
        .quoteCharacter('"')
        .quoteStrategy(QuoteStrategies.EMPTY)
        .lineDelimiter(LineDelimiter.LF)
        .bufferSize(1 << 16)
        .autoFlush(false)
        .build(out, StandardCharsets.UTF_8);
    List<OutputColumn> columns = schema.columns();
    if (fragment.first()) {
      CsvWriter.CsvWriterRecord header = csv.writeRecord();
      for (OutputColumn c : columns) {
        header.writeField(c.name());
      }
      header.endRecord();
    }
    return new Writer(csv, columns.toArray(OutputColumn[]::new));
  }

  @Override
  public String toString() {
    return name;
  }

  private static final class Writer implements RowWriter {
    private final CsvWriter csv;
    private final OutputColumn[] columns;
    private final ValueText text = new ValueText();

    Writer(CsvWriter csv, OutputColumn[] columns) {
      this.csv = csv;
      this.columns = columns;
    }

    @Override
    public void write(Object[] row) {
      ValueText.checkRow(columns, row);
      CsvWriter.CsvWriterRecord record = csv.writeRecord();
      for (int i = 0; i < columns.length; i++) {
        record.writeField(field(columns[i], row[i]));
      }
      record.endRecord();
    }

    private String field(OutputColumn c, Object v) {
      if (v == null) {
        // FastCSV writes null as an empty, unquoted field; alone on a line that would be an empty
        // line, which readers skip, so a one-column table writes "" and loses only null-vs-empty
        return columns.length == 1 ? "" : null;
      }
      return switch (c.type()) {
        case STRING -> (String) v;
        case INTEGER -> Long.toString(((Number) v).longValue());
        case FLOAT -> doubleText(((Number) v).doubleValue());
        case DECIMAL -> text.formatDecimal((BigDecimal) v, c.scale());
        case BOOLEAN -> ((Boolean) v) ? "true" : "false";
        case DATE -> text.string(text.formatDate((LocalDate) v));
        case TIME -> text.string(text.formatTime((LocalTime) v));
        case DATETIME -> text.string(text.formatDateTime((LocalDateTime) v, 'T'));
        default -> throw new IllegalStateException("unsupported type " + c.type());
      };
    }

    private String doubleText(double d) {
      if (Double.isNaN(d)) {
        return "NaN";
      }
      if (Double.isInfinite(d)) {
        return d > 0 ? "Infinity" : "-Infinity";
      }
      return text.string(text.formatDouble(d));
    }

    @Override
    public void close() throws IOException {
      // flush, not close: the caller owns the stream
      csv.flush();
    }
  }
}
