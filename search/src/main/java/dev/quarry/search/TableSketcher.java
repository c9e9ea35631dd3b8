package dev.quarry.search;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.stats.FieldIds;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a dataset's tables once, streaming, and sketches every column's values for join discovery.
 * The profiler's statistics say what a column is; these sketches say which values it holds.
 */
public final class TableSketcher {

  /** One column's sketch, named as the profile names its file ({@code @id}), table and column. */
  public record Sketched(String fileId, String table, String column, ColumnSketch sketch) {}

  private final FileIO io;
  private final int k;

  public TableSketcher(FileIO io) {
    this(io, SketchBuilder.DEFAULT_K);
  }

  public TableSketcher(FileIO io, int k) {
    this.io = io;
    this.k = k;
  }

  public List<Sketched> sketch(String location) throws IOException {
    List<Sketched> out = new ArrayList<>();
    DatasetTables.forEach(io, location, (file, table) -> {
      List<SketchBuilder> builders = new ArrayList<>();
      Schema schema;
      try (RecordReader r = table.open()) {
        Object[] row;
        while ((row = r.next()) != null) {
          // JSON schemas grow while reading: columns appear as they are first seen.
          while (builders.size() < row.length) {
            builders.add(new SketchBuilder(k));
          }
          for (int i = 0; i < row.length; i++) {
            builders.get(i).add(row[i]);
          }
        }
        schema = r.schema();
      }
      for (int i = 0; i < schema.size() && i < builders.size(); i++) {
        out.add(new Sketched(FieldIds.sanitize(file), table.name(), schema.column(i).name(),
            builders.get(i).build()));
      }
    });
    return out;
  }
}
