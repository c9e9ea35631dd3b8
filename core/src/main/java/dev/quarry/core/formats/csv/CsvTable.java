package dev.quarry.core.formats.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.SplittableTable;
import dev.quarry.core.formats.Table;
import dev.quarry.core.storage.InputFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.io.function.IOSupplier;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * A delimited text file (CSV, TSV, ...) read with FastCSV. Values are Strings (an empty unquoted
 * field is null); the columns are the header names or {@code column_1 ... column_n}.
 *
 * <p>Splittable by byte ranges: {@link #open(long, long)} reads the records that start in the range,
 * with record starts found by {@link RecordBoundaries} (see there for the quoted-newline caveat).
 * Reading is streaming in every case: memory does not grow with the file. Files in a charset that is
 * not ASCII-compatible (UTF-16) cannot be cut at byte offsets; for them only the whole-file range is
 * accepted, see {@link #isSplittable()}. A compressed file is read with {@link #ofStream}.
 */
public final class CsvTable implements SplittableTable {

  private final InputFile file;
  private final CsvDialect dialect;
  private final RecordBoundaries boundaries;
  private final CsvStreamTable whole;
  private long dataStart = -1;
  private Schema schema;

  private CsvTable(InputFile file, CsvDialect dialect) {
    this.file = Objects.requireNonNull(file, "file");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
    this.boundaries = new RecordBoundaries(file, dialect);
    this.whole = new CsvStreamTable(file.location().name(), file::newStream, dialect);
  }

  /** A table over a file whose dialect is known (see {@link CsvSniffer#sniff(InputFile)}). */
  public static CsvTable of(InputFile file, CsvDialect dialect) {
    return new CsvTable(file, dialect);
  }

  /** A table over a file, sniffing its dialect first. */
  public static CsvTable of(InputFile file) throws IOException {
    return new CsvTable(file, CsvSniffer.sniff(file));
  }

  /**
   * A table read front to back from a stream that cannot be split, such as the decompressed content
   * of a gzip file. The supplier is called once per {@link Table#open()} and for the schema.
   */
  public static Table ofStream(String name, IOSupplier<InputStream> source, CsvDialect dialect) {
    return new CsvStreamTable(name, source, dialect);
  }

  public CsvDialect dialect() {
    return dialect;
  }

  /** True when {@link #open(long, long)} accepts any range; false for UTF-16 text. */
  public boolean isSplittable() {
    return RecordBoundaries.supports(dialect);
  }

  @Override
  public String name() {
    return file.location().name();
  }

  @Override
  public long length() {
    return file.length();
  }

  @Override
  public synchronized Schema schema() throws IOException {
    if (schema != null) {
      return schema;
    }
    if (!isSplittable()) {
      schema = whole.schema();
      return schema;
    }
    long start = dataStart();
    if (dialect.header()) {
      long headerStart = boundaries.headerStart();
      byte[] header;
      try (InputStream in = file.openRange(headerStart, start - headerStart)) {
        header = in.readAllBytes();
      }
      try (CsvReader<String[]> reader =
          CsvParsing.rows(dialect, new ByteArrayInputStream(header))) {
        CloseableIterator<String[]> rows = reader.iterator();
        schema = CsvParsing.schema(rows.hasNext() ? Arrays.asList(rows.next()) : List.of());
      }
    } else {
      try (CsvReader<String[]> reader = CsvParsing.rows(dialect, file.openRange(start, -1))) {
        CloseableIterator<String[]> rows = reader.iterator();
        int width = 0;
        for (int i = 0; i < CsvStreamTable.WIDTH_SAMPLE && rows.hasNext(); i++) {
          width = Math.max(width, rows.next().length);
        }
        schema = CsvParsing.positional(width);
      }
    }
    return schema;
  }

  @Override
  public CsvRecordReader open() throws IOException {
    return isSplittable() ? open(0, length()) : whole.open();
  }

  @Override
  public CsvRecordReader open(long start, long end) throws IOException {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
    }
    if (!isSplittable()) {
      if (start == 0 && end >= length()) {
        return whole.open();
      }
      throw new UnsupportedOperationException(
          name() + " is " + dialect.charset() + " text, which cannot be read from a byte offset;"
              + " read it whole");
    }
    Schema columns = schema();
    long first = dataStart();
    long from = boundaries.atOrAfter(start, first, columns.size());
    long to = end >= length() ? length() : boundaries.atOrAfter(end, first, columns.size());
    InputStream range =
        from < to ? file.openRange(from, to - from) : InputStream.nullInputStream();
    BoundedInputStream counted = BoundedInputStream.builder().setInputStream(range).get();
    return new CsvRecordReader(
        file.location().toString(), columns, CsvParsing.rows(dialect, counted), counted::getCount);
  }

  private synchronized long dataStart() throws IOException {
    if (dataStart < 0) {
      dataStart = boundaries.dataStart();
    }
    return dataStart;
  }
}
