package dev.quarry.core.formats.json;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.SplittableTable;
import dev.quarry.core.storage.InputFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.io.input.BoundedInputStream;
import tools.jackson.databind.ObjectMapper;

/**
 * A JSON Lines file: one JSON value per line, one row per value. Splittable by byte ranges at line
 * starts; JSON strings cannot hold a raw newline, so unlike CSV every newline is a record boundary
 * and the split is exact. Blank lines are skipped.
 */
public final class JsonLinesTable implements SplittableTable {

  private final InputFile file;
  private final ObjectMapper mapper;
  private Schema schema;

  JsonLinesTable(InputFile file, ObjectMapper mapper) {
    this.file = file;
    this.mapper = mapper;
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
    if (schema == null) {
      schema = JsonTables.sampleSchema(open(), JsonDocumentTable.SCHEMA_SAMPLE);
    }
    return schema;
  }

  @Override
  public RecordReader open() throws IOException {
    if (length() < 0) {
      // Size unknown (an archive member, a server that sends no length): one stream to the end.
      return reader(file.newStream(), 0);
    }
    return open(0, length());
  }

  @Override
  public RecordReader open(long start, long end) throws IOException {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad range [" + start + ", " + end + ")");
    }
    long from = lineStartAtOrAfter(start);
    long to = end >= length() ? length() : lineStartAtOrAfter(end);
    InputStream range = from < to ? file.openRange(from, to - from) : InputStream.nullInputStream();
    return reader(range, from);
  }

  private RecordReader reader(InputStream range, long from) throws IOException {
    BoundedInputStream counted = BoundedInputStream.builder().setInputStream(range).get();
    String context = from == 0 ? "" : " (lines counted from byte " + from + ")";
    return new JsonRowReader(
        file.location().toString(),
        mapper.createParser(counted),
        mapper,
        JsonRowReader.Mode.ROOT_SEQUENCE,
        new GrowingSchema(),
        counted::getCount,
        context);
  }

  /** The offset just after the first newline at or after {@code offset - 1}. */
  private long lineStartAtOrAfter(long offset) throws IOException {
    if (offset <= 0) {
      return 0;
    }
    if (offset >= length()) {
      return length();
    }
    long position = offset - 1;
    try (InputStream in = new BufferedInputStream(file.openRange(position, -1), 64 * 1024)) {
      int b;
      while ((b = in.read()) >= 0) {
        position++;
        if (b == '\n') {
          return position;
        }
      }
    }
    return length();
  }
}
