package dev.quarry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.ListOptions;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.S3ProxyServer;
import dev.quarry.transform.run.JobReport;
import dev.quarry.transform.run.JobRequest;
import dev.quarry.transform.run.Orchestrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A job reading from and writing to S3 (an embedded S3Proxy on 127.0.0.1). */
class S3JobTest {

  @TempDir Path dir;

  @Test
  void resizesAFolderFromS3IntoS3WithCheckpoints() throws Exception {
    Path local = dpkResizeInput();
    try (S3ProxyServer s3 = S3ProxyServer.start(); FileIO io = s3.newFileIO()) {
      s3.createBucket("lake");
      for (String rel : List.of("test1.parquet", "l2/test2.parquet", "l2/test3.parquet")) {
        byte[] bytes = Files.readAllBytes(local.resolve(rel));
        io.newOutputFile(Location.parse("s3://lake/in/" + rel)).write(out -> out.write(bytes));
      }
      JobRequest request = new JobRequest(
          Map.of("input", "s3://lake/in", "output", "s3://lake/out", "checkpointing", true),
          List.of(new JobRequest.StepRequest("resize", Map.of("max_rows_per_table", 125))));
      JobReport report;
      try (LocalEngine engine = new LocalEngine(2)) {
        report = new Orchestrator(io, engine).run(request.validate());
      }
      assertThat(report.status()).isEqualTo("success");
      List<String> outputs = io.list(Location.parse("s3://lake/out"), ListOptions.RECURSIVE).stream()
          .map(FileStatus::location).map(Location::uri).map(u -> u.substring("s3://lake/out/".length()))
          .filter(u -> u.endsWith(".parquet")).sorted().toList();
      assertThat(outputs).containsExactly("l2/test2.parquet", "l2/test3_0.parquet", "l2/test3_1.parquet",
          "l2/test3_2.parquet", "test1.parquet", "test1_0.parquet");
      // the S3 outputs equal the anchor's expected files
      Path expected = Fixtures.dpk("resize/test-data/expected-rows-125");
      for (String rel : outputs) {
        Path copy = dir.resolve("got").resolve(rel);
        Files.createDirectories(copy.getParent());
        try (var in = io.newInputFile(Location.parse("s3://lake/out/" + rel)).newStream()) {
          Files.write(copy, in.readAllBytes());
        }
        OutputFolders.assertSameTable(expected.resolve(rel), copy, rel, false);
      }
      assertThat(io.exists(Location.parse("s3://lake/out/metadata.json"))).isTrue();

      // a second run skips both folders: their markers are in the bucket
      JobReport again;
      try (LocalEngine engine = new LocalEngine(2)) {
        again = new Orchestrator(io, engine).run(request.validate());
      }
      assertThat(again.skipped()).isEqualTo(2);
      assertThat(again.stats().sourceFiles()).isZero();
    }
  }

  private static Path dpkResizeInput() {
    return Fixtures.dpk("resize/test-data/input");
  }
}
