package dev.quarry.search;

import de.siegmar.fastcsv.writer.CsvWriter;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.parquet.ParquetTableWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Writes rows as CSV or Parquet to a stream, one row at a time. */
public abstract class TableOutput implements Closeable {

  /** The output formats. */
  public enum Kind {
    CSV("text/csv", ".csv"),
    PARQUET("application/vnd.apache.parquet", ".parquet");

    public final String mediaType;
    public final String extension;

    Kind(String mediaType, String extension) {
      this.mediaType = mediaType;
      this.extension = extension;
    }

    public static Kind parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new InvalidQueryException("format '" + s + "': expected csv or parquet");
      }
    }
  }

  public abstract void write(Object[] row) throws IOException;

  /** Finishes the output (Parquet: writes the footer); leaves the stream open. */
  @Override
  public abstract void close() throws IOException;

  public static TableOutput open(Kind kind, Schema schema, OutputStream out) throws IOException {
    return kind == Kind.CSV ? new Csv(schema, out) : new Parquet(schema, out);
  }

  private static final class Csv extends TableOutput {
    private final Writer writer;
    private final CsvWriter csv;
    private final String[] cells;

    Csv(Schema schema, OutputStream out) {
      this.writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
      this.csv = CsvWriter.builder().build(writer);
      this.cells = new String[schema.size()];
      for (int i = 0; i < schema.size(); i++) {
        cells[i] = schema.column(i).name();
      }
      csv.writeRecord(cells);
    }

    @Override
    public void write(Object[] row) {
      for (int i = 0; i < cells.length; i++) {
        Object v = i < row.length ? row[i] : null;
        cells[i] = v == null ? "" : v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
            ? Long.toString(d.longValue()) : v.toString();
      }
      csv.writeRecord(cells);
    }

    @Override
    public void close() throws IOException {
      csv.flush();
      writer.flush();
    }
  }

  private static final class Parquet extends TableOutput {
    private final ParquetTableWriter writer;

    Parquet(Schema schema, OutputStream out) throws IOException {
      this.writer = ParquetTableWriter.open(out, schema, null);
    }

    @Override
    public void write(Object[] row) throws IOException {
      writer.write(row);
    }

    @Override
    public void close() throws IOException {
      writer.close();
    }
  }
}
