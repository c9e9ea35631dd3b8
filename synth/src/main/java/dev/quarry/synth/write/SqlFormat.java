package dev.quarry.synth.write;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * A SQL script: {@code CREATE TABLE} (first fragment) then multi-row {@code INSERT}s of up to
 * {@code batchRows} rows, one row per line, UTF-8. Statement boundaries depend only on a row's
 * absolute index: row {@code i} opens a statement when {@code i % batchRows == 0} and closes it
 * with {@code ;} when {@code i % batchRows == batchRows - 1}; the last fragment closes a statement
 * left open. A fragment that starts mid-batch therefore continues the previous fragment's statement,
 * and any sharding concatenates to the same script. Literals per {@link SqlDialect}.
 */
final class SqlFormat implements OutputFormat {

  private static final long serialVersionUID = 1L;

  static final int DEFAULT_BATCH_ROWS = 500;

  private final SqlDialect dialect;
  private final int batchRows;

  SqlFormat(SqlDialect dialect, int batchRows) {
    if (batchRows < 1) {
      throw new IllegalArgumentException("rows per INSERT must be positive, not " + batchRows);
    }
    this.dialect = dialect;
    this.batchRows = batchRows;
  }

  @Override
  public String name() {
    return dialect == SqlDialect.STANDARD ? "sql" : "sql:" + dialect.id();
  }

  @Override
  public String mediaType() {
    return "application/sql";
  }

  @Override
  public String extension() {
    return "sql";
  }

  @Override
  public boolean concatenable() {
    return true;
  }

  @Override
  public RowWriter open(OutputStream out, OutputSchema schema, Fragment fragment) throws IOException {
    ValueText.checkSchema(schema);
    OutputColumn[] columns = schema.columns().toArray(OutputColumn[]::new);
    for (OutputColumn c : columns) {
      dialect.typeName(c); // fail on an unsupported type before writing anything
    }
    CharSink sink = new CharSink(out);
    if (fragment.first()) {
      sink.append("CREATE TABLE ").append(dialect.identifier(schema.table())).append(" (\n");
      for (int i = 0; i < columns.length; i++) {
        sink.append("  ").append(dialect.identifier(columns[i].name()))
            .append(' ').append(dialect.typeName(columns[i]));
        if (!columns[i].nullable()) {
          sink.append(" NOT NULL");
        }
        sink.append(i + 1 < columns.length ? ",\n" : "\n");
      }
      sink.append(");\n");
    }
    return new Writer(sink, dialect, batchRows, insertHead(schema, columns), columns, fragment);
  }

  /** {@code INSERT INTO "t" ("a", "b") VALUES\n}, rendered once per writer. */
  private String insertHead(OutputSchema schema, OutputColumn[] columns) {
    StringBuilder head = new StringBuilder("INSERT INTO ").append(dialect.identifier(schema.table())).append(" (");
    for (int i = 0; i < columns.length; i++) {
      head.append(i > 0 ? ", " : "").append(dialect.identifier(columns[i].name()));
    }
    return head.append(") VALUES\n").toString();
  }

  @Override
  public String toString() {
    return name();
  }

  private static final class Writer implements RowWriter {
    private final CharSink out;
    private final SqlDialect dialect;
    private final int batchRows;
    private final String insertHead;
    private final OutputColumn[] columns;
    private final boolean last;
    private final ValueText text = new ValueText();
    private long row; // absolute index of the next row

    Writer(CharSink out, SqlDialect dialect, int batchRows, String insertHead, OutputColumn[] columns,
        Fragment fragment) {
      this.out = out;
      this.dialect = dialect;
      this.batchRows = batchRows;
      this.insertHead = insertHead;
      this.columns = columns;
      this.last = fragment.last();
      this.row = fragment.firstRow();
    }

    @Override
    public void write(Object[] values) throws IOException {
      ValueText.checkRow(columns, values);
      long inBatch = row % batchRows;
      out.append(inBatch == 0 ? insertHead : ",\n").append('(');
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) {
          out.append(", ");
        }
        value(columns[i], values[i]);
      }
      out.append(')');
      if (inBatch == batchRows - 1) {
        out.append(";\n");
      }
      row++;
    }

    private void value(OutputColumn c, Object v) throws IOException {
      if (v == null) {
        out.append("NULL");
        return;
      }
      switch (c.type()) {
        case STRING -> dialect.string(out, (String) v);
        case INTEGER -> out.append(text.chars, 0, text.formatLong(((Number) v).longValue()));
        case FLOAT -> {
          double d = ((Number) v).doubleValue();
          if (Double.isFinite(d)) {
            out.append(text.chars, 0, text.formatDouble(d));
          } else {
            dialect.nonFinite(out, d);
          }
        }
        case DECIMAL -> out.append(((BigDecimal) v).setScale(c.scale(), RoundingMode.HALF_EVEN).toPlainString());
        case BOOLEAN -> dialect.bool(out, (Boolean) v);
        case DATE -> temporal("DATE '", text.formatDate((LocalDate) v));
        case TIME -> temporal("TIME '", text.formatTime((LocalTime) v));
        case DATETIME -> temporal("TIMESTAMP '", text.formatDateTime((LocalDateTime) v, ' '));
        default -> throw new IllegalStateException("unsupported type " + c.type());
      }
    }

    private void temporal(String typedPrefix, int length) throws IOException {
      if (dialect.typedTemporalLiterals()) {
        out.append(typedPrefix);
      } else {
        out.append('\'');
      }
      out.append(text.chars, 0, length).append('\'');
    }

    @Override
    public void close() throws IOException {
      if (last && row % batchRows != 0) {
        out.append(";\n");
      }
      out.flush();
    }
  }
}
