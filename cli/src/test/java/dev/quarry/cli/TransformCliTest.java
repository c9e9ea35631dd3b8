package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.formats.parquet.ParquetTableWriter;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code quarry transform} as a user meets it. */
class TransformCliTest {

  @TempDir Path dir;
  Path in;

  private record Run(int code, String out, String err) {}

  private static Run quarry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = QuarryCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void corpus() throws IOException {
    in = dir.resolve("in");
    Files.createDirectories(in.resolve("sub"));
    Schema schema = new Schema(List.of(Column.of("n", ValueType.INTEGER), Column.of("contents", ValueType.STRING)));
    write(in.resolve("a.parquet"), schema, 0, 10);
    write(in.resolve("sub/b.parquet"), schema, 10, 10);
  }

  private static void write(Path file, Schema schema, int from, int count) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ParquetTableWriter w = ParquetTableWriter.open(out, schema, null)) {
      for (int i = from; i < from + count; i++) {
        w.write(new Object[] {(long) i, "Doc " + (i % 4)});
      }
    }
  }

  private static List<Object[]> rows(Path file) throws IOException {
    List<Object[]> rows = new ArrayList<>();
    try (RecordReader r = ParquetTable.open(FileIO.unrestricted().newInputFile(Location.ofLocal(file))).open()) {
      for (Object[] row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  @Test
  void runsOneTransformWithParameters() throws IOException {
    Path out = dir.resolve("out");
    Run r = quarry("transform", "filter", "--input", in.toString(), "--output", out.toString(),
        "--param", "criteria_list=[\"n % 2 = 0\"]", "-p", "columns_to_drop=[\"contents\"]", "--no-progress");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("filter: success").contains("20 rows in, 10 out");
    assertThat(rows(out.resolve("sub/b.parquet"))).extracting(row -> row[0]).containsExactly(10L, 12L, 14L, 16L, 18L);
    assertThat(rows(out.resolve("a.parquet")).get(0)).hasSize(1);
    assertThat(out.resolve("metadata.json")).exists();
  }

  @Test
  void chainsAPipelineFileInMemory() throws IOException {
    Path out = dir.resolve("out");
    Path pipeline = dir.resolve("pipeline.yaml");
    Files.writeString(pipeline, """
        input: %s
        output: %s
        transforms:
          - name: ededup
            params: {doc_column: contents}
          - name: doc_id
            params: {doc_column: contents, int_column: id, start_id: 100}
        """.formatted(in, out));
    Run r = quarry("transform", "--pipeline", pipeline.toString(), "--workers", "1", "--no-progress");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("ededup+doc_id: success").contains("20 rows in, 4 out");
    List<Object[]> a = rows(out.resolve("a.parquet"));
    assertThat(a).extracting(row -> row[1]).containsExactly("Doc 0", "Doc 1", "Doc 2", "Doc 3");
    assertThat(a).extracting(row -> row[2]).containsExactly(100L, 101L, 102L, 103L);
    assertThat(OutputFiles.parquet(out)).containsExactly("a.parquet"); // b.parquet had only duplicates
  }

  @Test
  void badParametersExitWithTwoAndOneLineNamingTheParameter() {
    Path out = dir.resolve("out");
    Run r = quarry("transform", "resize", "-i", in.toString(), "-o", out.toString(), "-p", "max_rows_per_table=ten");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).isEqualTo("quarry: max_rows_per_table: expected an integer, got 'ten'");

    r = quarry("transform", "filter", "-i", in.toString(), "-o", out.toString(), "-p", "criteria_list=[\"nope > 1\"]");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("quarry: criteria_list: ").contains("nope").doesNotContain("\tat ");
    assertThat(out.resolve("metadata.json")).doesNotExist();

    r = quarry("transform", "dedup", "-i", in.toString(), "-o", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown transform 'dedup'");

    r = quarry("transform", "noop", "-i", dir.resolve("missing").toString(), "-o", out.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("input: ").contains("does not exist");

    r = quarry("transform", "noop", "-i", in.toString(), "-o", out.toString(), "-p", "color=red");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("color: not a parameter of noop");
  }

  @Test
  void listsTransforms() {
    Run r = quarry("transform", "--list");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("filter — ").contains("criteria_list").contains("resize — ");
  }

  /** Parquet files under a folder, relative, sorted. */
  static final class OutputFiles {
    static List<String> parquet(Path dir) throws IOException {
      try (var s = Files.walk(dir)) {
        return s.filter(p -> p.toString().endsWith(".parquet"))
            .map(p -> dir.relativize(p).toString()).filter(p -> !p.startsWith("_")).sorted().toList();
      }
    }
  }
}
