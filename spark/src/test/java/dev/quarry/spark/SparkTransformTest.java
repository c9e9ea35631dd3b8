package dev.quarry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.formats.parquet.ParquetTableWriter;
import dev.quarry.core.storage.FileIO;
import dev.quarry.transform.run.JobReport;
import dev.quarry.transform.run.JobRequest;
import dev.quarry.transform.run.Orchestrator;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transforms on Spark {@code local[2]} write the same files as on the local engine, the stateful
 * ones included (ededup's global step is a Spark shuffle there).
 */
class SparkTransformTest {

  static SparkEngine spark;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkEngine.builder().master("local[2]").appName("quarry-transform-test").build();
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  /** Six files of documents drawn from a small pool: duplicates within and across files. */
  static Path corpus(Path dir) throws Exception {
    Path in = Files.createDirectories(dir.resolve("corpus"));
    Schema schema = new Schema(List.of(new Column("document_id", ValueType.INTEGER, null),
        new Column("contents", ValueType.STRING, null)));
    Random random = new Random(11);
    long id = 0;
    for (int f = 0; f < 6; f++) {
      try (OutputStream out = Files.newOutputStream(in.resolve("part-" + f + ".parquet"));
          ParquetTableWriter w = ParquetTableWriter.open(out, schema, null)) {
        for (int r = 0; r < 2000; r++) {
          int doc = random.nextInt(5000);
          w.write(new Object[] {id++, "Document " + doc + (doc % 2 == 0 ? "!" : "") + " about topic " + doc % 97});
        }
      }
    }
    return in;
  }

  static JobReport run(Engine engine, String transform, Path in, Path out, Map<String, Object> params)
      throws Exception {
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("input", in.toString());
    opts.put("output", out.toString());
    JobRequest request = new JobRequest(opts, List.of(new JobRequest.StepRequest(transform, params)));
    return new Orchestrator(FileIO.unrestricted(), engine).run(request.validate());
  }

  static void assertSameOutputs(Path a, Path b) throws Exception {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(a)) {
      s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().equals("metadata.json"))
          .forEach(files::add);
    }
    assertThat(files).isNotEmpty();
    try (Stream<Path> s = Files.walk(b)) {
      assertThat(s.filter(Files::isRegularFile).count()).isEqualTo(files.size() + 1L);
    }
    for (Path f : files) {
      assertThat(Files.mismatch(f, b.resolve(a.relativize(f)))).as(a.relativize(f).toString()).isEqualTo(-1L);
    }
  }

  @Test
  void ededupIsGlobalAndIdenticalOnSpark() throws Exception {
    Path in = corpus(dir);
    Path local = dir.resolve("local");
    Path onSpark = dir.resolve("spark");
    try (LocalEngine engine = new LocalEngine(2)) {
      run(engine, "ededup", in, local, Map.of());
    }
    JobReport r = run(spark, "ededup", in, onSpark, Map.of());
    assertThat(r.status()).isEqualTo("success");
    assertSameOutputs(local, onSpark);
    // Globally unique, and the first copy in job order survived.
    Set<String> seen = new HashSet<>();
    long rows = 0;
    for (int f = 0; f < 6; f++) {
      try (RecordReader reader = ParquetTable.open(FileIO.unrestricted()
          .newInputFile(onSpark.resolve("part-" + f + ".parquet").toString())).open()) {
        for (Object[] row = reader.next(); row != null; row = reader.next()) {
          assertThat(seen.add(((String) row[1]).toLowerCase().replaceAll("[^a-z0-9]", ""))).isTrue();
          rows++;
        }
      }
    }
    assertThat(rows).isGreaterThan(2000).isLessThan(5000);
  }

  @Test
  void theStatefulStepsUseSparkShufflesOnSpark() {
    assertThat(dev.quarry.transform.spi.CrossFileKeys.forEngine(spark))
        .isInstanceOf(dev.quarry.spark.transform.SparkCrossFileKeys.class);
    assertThat(dev.quarry.transform.builtin.NearDuplicates.forEngine(spark))
        .isInstanceOf(dev.quarry.spark.transform.SparkNearDuplicates.class);
    try (LocalEngine local = new LocalEngine(1)) {
      assertThat(dev.quarry.transform.builtin.NearDuplicates.forEngine(local))
          .isInstanceOf(dev.quarry.transform.builtin.NearDuplicates.InJvm.class);
    }
  }

  @Test
  void otherTransformsWriteTheSameFilesOnSpark() throws Exception {
    Path in = corpus(dir);
    Path fixtures = Path.of("../transform/src/test/resources/dpk");
    record Case(String transform, Path input, Map<String, Object> params) {}
    List<Case> cases = List.of(
        new Case("doc_id", in, Map.of("hash_column", "hash", "int_column", "int_id", "start_id", 5)),
        new Case("noop", in, Map.of()),
        new Case("fdedup", fixtures.resolve("fdedup/test-data/input"),
            Map.of("doc_column", "contents", "doc_id_column", "int_id_column", "jaccard_threshold", 0.7)),
        new Case("resize", fixtures.resolve("resize/test-data/input"), Map.of("max_rows_per_table", 125)),
        new Case("filter", fixtures.resolve("filter/test-data/input"),
            Map.of("criteria_list", List.of("docq_total_words > 100 AND docq_total_words < 200"),
                "columns_to_drop", List.of("extra", "cluster"))));
    for (Case c : cases) {
      Path local = dir.resolve(c.transform() + "-local");
      Path onSpark = dir.resolve(c.transform() + "-spark");
      try (LocalEngine engine = new LocalEngine(2)) {
        assertThat(run(engine, c.transform(), c.input(), local, c.params()).status()).isEqualTo("success");
      }
      assertThat(run(spark, c.transform(), c.input(), onSpark, c.params()).status()).as(c.transform())
          .isEqualTo("success");
      assertSameOutputs(local, onSpark);
    }
  }
}
