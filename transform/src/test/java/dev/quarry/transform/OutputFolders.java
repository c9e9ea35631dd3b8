package dev.quarry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.formats.parquet.ParquetTableWriter;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.parquet.schema.Type;

/**
 * The anchor's comparison of output folders: the same Parquet file names, the same schema, the same
 * rows in order, floating-point values within 1%; metadata.json is not compared.
 */
public final class OutputFolders {

  private OutputFolders() {}

  public static List<String> parquetFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".parquet"))
          .map(p -> dir.relativize(p).toString().replace('\\', '/'))
          .filter(rel -> !rel.startsWith("_") && !rel.startsWith("."))
          .sorted()
          .toList();
    }
  }

  public static void assertSame(Path expected, Path actual) throws IOException {
    assertSame(expected, actual, false);
  }

  /** With {@code anyOrder}, the rows must be the same multiset (each output's order is checked elsewhere). */
  public static void assertSame(Path expected, Path actual, boolean anyOrder) throws IOException {
    assertThat(parquetFiles(actual)).as("output files").isEqualTo(parquetFiles(expected));
    for (String rel : parquetFiles(expected)) {
      assertSameTable(expected.resolve(rel), actual.resolve(rel), rel, anyOrder);
    }
  }

  public static void assertSameTable(Path expectedFile, Path actualFile, String label, boolean anyOrder)
      throws IOException {
    InputFile e = input(expectedFile);
    InputFile a = input(actualFile);
    ParquetTable et = ParquetTable.open(e);
    ParquetTable at = ParquetTable.open(a);
    assertThat(at.schema().columns()).extracting(Column::name, Column::type)
        .as(label + ": schema")
        .isEqualTo(et.schema().columns().stream()
            .map(c -> org.assertj.core.groups.Tuple.tuple(c.name(), c.type())).toList());
    // top-level primitive columns keep their physical and logical types
    List<Type> ef = ParquetTableWriter.fileSchema(e).getFields();
    List<Type> af = ParquetTableWriter.fileSchema(a).getFields();
    assertThat(af).extracting(Type::getName).as(label + ": top-level fields")
        .isEqualTo(ef.stream().map(Type::getName).toList());
    for (int i = 0; i < ef.size(); i++) {
      if (ef.get(i).isPrimitive()) {
        assertThat(af.get(i).isPrimitive()).isTrue();
        assertThat(af.get(i).asPrimitiveType().getPrimitiveTypeName()).as(label + ": " + ef.get(i).getName())
            .isEqualTo(ef.get(i).asPrimitiveType().getPrimitiveTypeName());
        assertThat(af.get(i).getLogicalTypeAnnotation()).as(label + ": " + ef.get(i).getName())
            .isEqualTo(ef.get(i).getLogicalTypeAnnotation());
      }
    }
    List<Object[]> er = rows(et);
    List<Object[]> ar = rows(at);
    if (anyOrder) {
      java.util.Comparator<Object[]> byText = java.util.Comparator.comparing(java.util.Arrays::deepToString);
      er.sort(byText);
      ar.sort(byText);
    }
    assertThat(ar).as(label + ": row count").hasSize(er.size());
    for (int r = 0; r < er.size(); r++) {
      for (int c = 0; c < et.schema().size(); c++) {
        Object ev = er.get(r)[c];
        Object av = ar.get(r)[c];
        String where = label + " row " + r + " column " + et.schema().column(c).name();
        if (ev instanceof Double d && av instanceof Double x) {
          assertThat(x).as(where).isCloseTo(d, org.assertj.core.data.Percentage.withPercentage(1));
        } else {
          assertThat(av).as(where).isEqualTo(ev);
        }
      }
    }
  }

  public static List<Object[]> rows(ParquetTable t) throws IOException {
    List<Object[]> rows = new ArrayList<>();
    try (RecordReader r = t.open()) {
      for (Object[] row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  public static InputFile input(Path p) throws IOException {
    return FileIO.unrestricted().newInputFile(Location.ofLocal(p));
  }
}
