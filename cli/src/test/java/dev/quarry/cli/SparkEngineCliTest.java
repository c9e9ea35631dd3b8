package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --engine spark --master local[2]}: the same commands, the same results, on Spark. */
class SparkEngineCliTest {

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run quarry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = QuarryCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void synthAndProfileOnSparkMatchTheLocalEngine() throws Exception {
    Path schema = dir.resolve("s.yaml");
    Files.writeString(schema, """
        seed: 3
        tables:
          t:
            rows: 30000
            fields:
              id:   {kind: sequence, start: 1}
              name: {kind: faker, provider: name.firstName, pool: 500}
              v:    {kind: float, min: 0, max: 10, nulls: 0.1}
              d:    {kind: date, min: 2021-01-01, max: 2021-12-31}
        """);
    Path local = dir.resolve("local.csv");
    Path spark = dir.resolve("spark.csv");
    Run a = quarry("synth", "--schema", schema.toString(), "--out", local.toString(), "-w", "2", "--no-progress");
    assertThat(a.code()).as(a.err()).isZero();
    Run b = quarry("synth", "--schema", schema.toString(), "--out", spark.toString(),
        "--master", "local[2]", "--no-progress");
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(Files.mismatch(local, spark)).isEqualTo(-1L);

    // Fragments through a named folder (shared storage on a real cluster): same bytes, folder left empty.
    Path fragments = Files.createDirectories(dir.resolve("fragments"));
    Path viaFolder = dir.resolve("via-folder.csv");
    Run c = quarry("synth", "--schema", schema.toString(), "--out", viaFolder.toString(),
        "--master", "local[2]", "--fragments", fragments.toString(), "--no-progress");
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(Files.mismatch(local, viaFolder)).isEqualTo(-1L);
    try (var left = Files.list(fragments)) {
      assertThat(left).isEmpty();
    }

    Run p1 = quarry("profile", local.toString(), "-f", "json", "--no-progress");
    Run p2 = quarry("profile", local.toString(), "-f", "json", "--engine", "spark",
        "--spark-conf", "spark.master=local[2]", "--no-progress");
    assertThat(p2.code()).as(p2.err()).isZero();
    // Same fields, types and exact statistics (min/max/counts); the sha256 of the file too.
    for (String key : new String[] {"\"sha256\"", "\"dataType\" : \"sc:Float\"", "\"dataType\" : \"sc:Date\""}) {
      assertThat(p2.out()).contains(key);
    }
    assertThat(field(p1.out(), "\"min\"")).isEqualTo(field(p2.out(), "\"min\""));
    assertThat(field(p1.out(), "\"max\"")).isEqualTo(field(p2.out(), "\"max\""));
  }

  @Test
  void transformOnSparkWritesTheSameFiles() throws Exception {
    Path in = Path.of("../transform/src/test/resources/dpk/fdedup/test-data/input");
    Path local = dir.resolve("t-local");
    Path spark = dir.resolve("t-spark");
    Run a = quarry("transform", "ededup", "-i", in.toString(), "-o", local.toString(), "-w", "2", "--no-progress");
    assertThat(a.code()).as(a.err()).isZero();
    Run b = quarry("transform", "ededup", "-i", in.toString(), "-o", spark.toString(), "--master", "local[2]",
        "--no-progress");
    assertThat(b.code()).as(b.err()).isZero();
    for (String f : new String[] {"data_1/df1.parquet", "data_2/df2.parquet"}) {
      assertThat(Files.mismatch(local.resolve(f), spark.resolve(f))).as(f).isEqualTo(-1L);
    }
  }

  @Test
  void contradictoryEngineOptionsExitTwo() throws Exception {
    Run r = quarry("synth", "--schema", "x.yaml", "--engine", "spark", "-w", "2");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("--workers sizes the local engine");
    Path schema = dir.resolve("one.yaml");
    Files.writeString(schema, "tables: {t: {rows: 10, fields: {id: {kind: sequence}}}}\n");
    r = quarry("synth", "--schema", schema.toString(), "--fragments", "nfs://", "--master", "local[2]");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains("--fragments");
    r = quarry("profile", "x.csv", "--engine", "ray");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--engine must be local or spark");
  }

  /** Every line holding {@code key}, in order: the per-field statistics. */
  private static String field(String json, String key) {
    StringBuilder b = new StringBuilder();
    json.lines().filter(l -> l.contains(key)).forEach(l -> b.append(l.strip()).append('\n'));
    return b.toString();
  }
}
