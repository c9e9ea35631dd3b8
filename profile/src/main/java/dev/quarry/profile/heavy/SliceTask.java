package dev.quarry.profile.heavy;

import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.formats.csv.CsvDialect;
import dev.quarry.core.formats.csv.CsvTable;
import dev.quarry.core.formats.json.JsonTables;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import dev.quarry.slice.Slice;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * Reads one slice of a big CSV or JSON Lines object (plain or gzip) and returns the statistics of
 * its records, under the same table key as a whole-file read, so slices merge into one record set.
 * The slice's bytes, after the object's header, form a small file of the same format, read by the
 * ordinary reader with the dialect sniffed once from the object.
 */
final class SliceTask implements Task<HeavyFindings> {

  private static final long serialVersionUID = 1L;

  /** The parts of a {@link CsvDialect} a slice needs, serializable. */
  record Dialect(char delimiter, char quote, String charset, boolean bom) implements Serializable {
    static Dialect of(CsvDialect d) {
      return new Dialect(d.delimiter(), d.quote(), d.charset().name(), d.bom());
    }

    CsvDialect toCsv() {
      return new CsvDialect(delimiter, quote, true, 0, Charset.forName(charset), bom, null);
    }
  }

  private final FileIO io;
  private final SourceFile source;
  private final Slice slice;
  private final Dialect dialect;

  SliceTask(FileIO io, SourceFile source, Slice slice, Dialect dialect) {
    this.io = io;
    this.source = source;
    this.slice = slice;
    this.dialect = dialect;
  }

  @Override
  public HeavyFindings run(TaskContext context) throws IOException {
    HeavyFindings out = new HeavyFindings();
    Format format = source.format();
    TableKey key = new TableKey(source.fileId(), null, format, format == Format.JSONL ? "$" : null);
    try (RecordReader reader = open(format)) {
      out.tables.put(key, TablePartTask.read(reader, Format.CSV == format, context));
    } catch (UnreadableInputException e) {
      out.warnings.add(e.getMessage());
    }
    return out;
  }

  private RecordReader open(Format format) throws IOException {
    if (format == Format.CSV) {
      return CsvTable.ofStream(source.fileId(), () -> slice.openBytes(io, true), dialect.toCsv()).open();
    }
    return JsonTables.open(new SliceFile(), format).get(0).open();
  }

  /** The slice's bytes seen as a file (JSON Lines reads by ranges of its input). */
  private final class SliceFile implements InputFile {
    private final long length = slice.header().length + slice.end() - slice.start();

    @Override
    public Location location() {
      return Location.parse(slice.object());
    }

    @Override
    public FileStatus status() {
      return new FileStatus(location(), length, null, null);
    }

    @Override
    public InputStream newStream() throws IOException {
      return slice.openBytes(io, true);
    }

    @Override
    public InputStream openRange(long offset, long len) throws IOException {
      InputStream in = newStream();
      in.skipNBytes(Math.min(offset, length));
      return len < 0 ? in : BoundedInputStream.builder().setInputStream(in).setMaxCount(len).get();
    }
  }

  @Override
  public String describe() {
    return source.describe() + " slice " + slice.index() + " [" + slice.start() + ", " + slice.end() + ")";
  }
}
