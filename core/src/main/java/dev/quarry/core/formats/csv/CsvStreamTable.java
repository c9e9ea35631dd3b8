package dev.quarry.core.formats.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.Table;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.io.function.IOSupplier;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * A delimited table read front to back from a stream: for compressed files (a decompressing stream)
 * and for charsets whose bytes cannot be split (UTF-16). Not splittable; every {@link #open()} asks
 * the supplier for a fresh stream.
 */
public final class CsvStreamTable implements Table {

  /** Records looked at to size a header-less table. */
  static final int WIDTH_SAMPLE = 100;

  private final String name;
  private final IOSupplier<InputStream> source;
  private final CsvDialect dialect;
  private Schema schema;

  CsvStreamTable(String name, IOSupplier<InputStream> source, CsvDialect dialect) {
    this.name = Objects.requireNonNull(name, "name");
    this.source = Objects.requireNonNull(source, "source");
    this.dialect = Objects.requireNonNull(dialect, "dialect");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized Schema schema() throws IOException {
    if (schema == null) {
      try (CsvReader<String[]> reader = positioned(source.get())) {
        CloseableIterator<String[]> rows = reader.iterator();
        if (dialect.header()) {
          schema = CsvParsing.schema(rows.hasNext() ? Arrays.asList(rows.next()) : List.of());
        } else {
          int width = 0;
          for (int i = 0; i < WIDTH_SAMPLE && rows.hasNext(); i++) {
            width = Math.max(width, rows.next().length);
          }
          schema = CsvParsing.positional(width);
        }
      }
    }
    return schema;
  }

  @Override
  public CsvRecordReader open() throws IOException {
    Schema columns = schema();
    BoundedInputStream counted = BoundedInputStream.builder().setInputStream(source.get()).get();
    CsvReader<String[]> reader = positioned(counted);
    if (dialect.header()) {
      CloseableIterator<String[]> rows = reader.iterator();
      if (rows.hasNext()) {
        rows.next();
      }
    }
    return new CsvRecordReader(name, columns, reader, counted::getCount);
  }

  /** A reader past the BOM and the skipped lines: its first record is the header, if any. */
  private CsvReader<String[]> positioned(InputStream in) throws IOException {
    try {
      in.skipNBytes(dialect.bomLength());
    } catch (EOFException e) {
      // shorter than a BOM: an empty table
    }
    CsvReader<String[]> reader = CsvParsing.rows(dialect, in);
    try {
      reader.skipLines(dialect.skipLines());
    } catch (IllegalStateException e) {
      // FastCSV refuses to skip past the end: the file is all preamble and the table is empty
    }
    return reader;
  }
}
