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

  private static final long serialVersionUID = 1L;

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

    /** Per dictionary column: its strings as cells, encoded once per JVM. */
    private final Dictionary.Cells[] cells;
    private final CellsKey cellsKey;
    /** Per dictionary column, the block's cells: where each starts in the packed bytes and its length. */
    private final int[][] starts;
    private final int[][] lengths;
    /**
     * Sum of the first bytes of looked-up cells. Never read: the loads in {@link #resolve} exist to
     * bring the cells into cache, and storing their sum in a field keeps the JIT from dropping them.
     */
    private int touched;

    Writer(CharSink out, char delimiter, OutputColumn[] columns) {
      this.out = out;
      this.delimiter = delimiter;
      this.columns = columns;
      this.cells = new Dictionary.Cells[columns.length];
      this.cellsKey = new CellsKey(delimiter);
      this.starts = new int[columns.length][];
      this.lengths = new int[columns.length][];
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

    /** The same bytes as writing each row boxed, read from the typed columns. */
    @Override
    public void write(RowBlock block) throws IOException {
      ValueText.checkBlock(columns, block);
      int width = columns.length;
      ColumnVector[] vectors = new ColumnVector[width];
      for (int i = 0; i < width; i++) {
        vectors[i] = block.column(i);
        if (vectors[i].form() == ColumnVector.Form.DICTIONARY) {
          resolve(i, vectors[i], block.size());
        }
      }
      for (int k = 0, n = block.size(); k < n; k++) {
        for (int i = 0; i < width; i++) {
          if (i > 0) {
            out.appendAscii(delimiter);
          }
          ColumnVector v = vectors[i];
          if (v.isNull(k)) {
            field(columns[i], null);
            continue;
          }
          switch (v.form()) {
            case LONG -> longField(columns[i], v.getLong(k));
            case DOUBLE -> doubleField(v.getDouble(k));
            case DICTIONARY -> out.appendUtf8(cells[i].bytes(), starts[i][k], lengths[i][k]);
            default -> field(columns[i], v.getObject(k));
          }
        }
        out.appendAscii('\n');
      }
    }

    /**
     * Looks up where each row's cell lies before any is copied: the rows' lookups are independent,
     * so the processor overlaps their cache misses (a pool's cells are far bigger than the cache),
     * where looking each up while writing its row would wait for them one at a time.
     */
    private void resolve(int i, ColumnVector v, int n) {
      if (starts[i] == null || starts[i].length < n) {
        starts[i] = new int[Math.max(n, RowBlock.DEFAULT_CAPACITY)];
        lengths[i] = new int[starts[i].length];
      }
      int first = 0;
      while (first < n && v.isNull(first)) {
        first++;
      }
      if (first == n) {
        return; // all null: no dictionary needed
      }
      Dictionary.Cells c = v.dictionary().cells(cellsKey, this::cell);
      cells[i] = c;
      byte[] bytes = c.bytes();
      int[] s = starts[i];
      int[] l = lengths[i];
      int touch = 0;
      for (int k = first; k < n; k++) {
        if (!v.isNull(k)) {
          int id = v.getId(k);
          int start = c.start(id);
          s[k] = start;
          l[k] = c.length(id);
          touch += start < bytes.length ? bytes[start] : 0;
        }
      }
      this.touched += touch;
    }

    /** A value held as a long (see {@link ColumnVector.Form#LONG}). */
    private void longField(OutputColumn c, long v) throws IOException {
      switch (c.type()) {
        case INTEGER -> out.appendAscii(text.chars, 0, text.formatLong(v));
        case DECIMAL -> out.appendAscii(text.chars, 0, text.formatDecimal(v, c.scale()));
        case BOOLEAN -> out.append(v != 0 ? "true" : "false");
        case DATE -> out.appendAscii(text.chars, 0, text.formatEpochDay(v));
        case TIME -> out.appendAscii(text.chars, 0, text.formatNanoOfDay(v));
        case DATETIME -> out.appendAscii(text.chars, 0, text.formatEpochSecond(v, 'T'));
        default -> throw new IllegalStateException("unsupported type " + c.type());
      }
    }

    private void doubleField(double d) throws IOException {
      if (Double.isNaN(d)) {
        out.append("NaN");
      } else if (Double.isInfinite(d)) {
        out.append(d > 0 ? "Infinity" : "-Infinity");
      } else {
        out.appendAscii(text.chars, 0, text.formatDouble(d));
      }
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
        case INTEGER -> out.appendAscii(text.chars, 0, text.formatLong(((Number) v).longValue()));
        case FLOAT -> doubleField(((Number) v).doubleValue());
        case DECIMAL -> out.append(text.formatDecimal((BigDecimal) v, c.scale()));
        case BOOLEAN -> out.append(((Boolean) v) ? "true" : "false");
        case DATE -> out.appendAscii(text.chars, 0, text.formatDate((LocalDate) v));
        case TIME -> out.appendAscii(text.chars, 0, text.formatTime((LocalTime) v));
        case DATETIME -> out.appendAscii(text.chars, 0, text.formatDateTime((LocalDateTime) v, 'T'));
        default -> throw new IllegalStateException("unsupported type " + c.type());
      }
    }

    /** A string as its cell: quoted as {@link #text} would write it. */
    private String cell(String s) {
      return needsQuotes(s, delimiter) ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    private void text(String s) throws IOException {
      if (!needsQuotes(s, delimiter)) {
        out.append(s);
        return;
      }
      out.append('"');
      int from = 0;
      int n = s.length();
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

  /** RFC 4180: quoted when empty or holding the delimiter, a quote, CR or LF. */
  static boolean needsQuotes(String s, char delimiter) {
    int n = s.length();
    if (n == 0) {
      return true;
    }
    for (int i = 0; i < n; i++) {
      char ch = s.charAt(i);
      if (ch == delimiter || ch == '"' || ch == '\n' || ch == '\r') {
        return true;
      }
    }
    return false;
  }

  /** Names CSV cells with a delimiter among a dictionary's encodings. */
  private record CellsKey(char delimiter) {}
}
