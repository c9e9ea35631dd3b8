package dev.quarry.core.formats.csv;

import de.siegmar.fastcsv.reader.CloseableIterator;
import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.UnreadableInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.LongSupplier;

/**
 * Streams String rows of a delimited file from FastCSV, fitted to the schema: short rows are padded
 * with nulls, long rows lose their extra fields; both are counted in {@link #malformedRows()}.
 */
public final class CsvRecordReader implements RecordReader {

  private final String source;
  private final Schema schema;
  private final CsvReader<String[]> reader;
  private final CloseableIterator<String[]> rows;
  private final LongSupplier bytesRead;
  private long malformed;

  CsvRecordReader(String source, Schema schema, CsvReader<String[]> reader, LongSupplier bytesRead) {
    this.source = source;
    this.schema = schema;
    this.reader = reader;
    this.rows = reader.iterator();
    this.bytesRead = bytesRead;
  }

  @Override
  public Schema schema() {
    return schema;
  }

  @Override
  public Object[] next() throws IOException {
    String[] fields;
    try {
      if (!rows.hasNext()) {
        return null;
      }
      fields = rows.next();
    } catch (CsvParseException e) {
      throw new UnreadableInputException(source + ": malformed CSV: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    int width = schema.size();
    if (fields.length != width) {
      malformed++;
    }
    Object[] row = new Object[width];
    System.arraycopy(fields, 0, row, 0, Math.min(width, fields.length));
    return row;
  }

  /** Rows read so far whose field count differed from the schema's. */
  public long malformedRows() {
    return malformed;
  }

  @Override
  public long bytesRead() {
    return bytesRead.getAsLong();
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
