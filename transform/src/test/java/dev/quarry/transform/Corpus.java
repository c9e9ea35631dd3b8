package dev.quarry.transform;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.formats.parquet.ParquetTableWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small generated Parquet inputs for tests. */
public final class Corpus {

  public static final Schema SCHEMA = new Schema(List.of(
      Column.of("id", ValueType.INTEGER), Column.of("contents", ValueType.STRING)));

  private Corpus() {}

  /** {@code files} files of {@code rows} rows each, named part-000.parquet, ...; ids run across files. */
  public static void write(Path dir, int files, int rows) throws IOException {
    Files.createDirectories(dir);
    long id = 0;
    for (int f = 0; f < files; f++) {
      try (OutputStream out = Files.newOutputStream(dir.resolve(String.format("part-%03d.parquet", f)));
          ParquetTableWriter w = ParquetTableWriter.open(out, SCHEMA, null)) {
        for (int r = 0; r < rows; r++, id++) {
          w.write(new Object[] {id, "document " + id + " about " + (id % 7)});
        }
      }
    }
  }
}
