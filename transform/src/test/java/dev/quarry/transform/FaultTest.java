package dev.quarry.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.transform.run.JobReport;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failures: a transform that throws, and a process killed in the middle of writing. */
class FaultTest {

  @TempDir Path dir;

  @Test
  void aFileWhoseTransformThrowsIsReportedAndTheOthersAreWritten() throws Exception {
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    Corpus.write(in, 4, 50);

    JobReport report = Jobs.run("fail_on", in, out, Map.of("fail_on", List.of("part-002")));

    assertThat(report.status()).isEqualTo("partial");
    assertThat(report.exitCode()).isEqualTo(3);
    assertThat(report.failures()).singleElement().satisfies(f -> {
      assertThat(f.task()).isEqualTo("part-002.parquet");
      assertThat(f.error()).contains("refusing part-002.parquet");
      assertThat(f.attempts()).isEqualTo(1); // no retry of a transform error
    });
    assertThat(OutputFolders.parquetFiles(out))
        .containsExactly("part-000.parquet", "part-001.parquet", "part-003.parquet");
    assertThat(report.stats().resultRows()).isEqualTo(150);
    assertThat(Files.readString(out.resolve("metadata.json")))
        .contains("\"status\" : \"partial\"").contains("part-002.parquet");
    assertThat(leftovers(out)).isEmpty();
  }

  @Test
  void whenEveryFileFailsTheJobFails() throws Exception {
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    Corpus.write(in, 3, 10);

    JobReport report = Jobs.run("fail_on", in, out, Map.of("fail_on", List.of("part-")));

    assertThat(report.status()).isEqualTo("failed");
    assertThat(report.exitCode()).isEqualTo(1);
    assertThat(report.failures()).hasSize(3);
    assertThat(OutputFolders.parquetFiles(out)).isEmpty();
    assertThat(Files.readString(out.resolve("metadata.json"))).contains("\"status\" : \"failed\"");
  }

  /**
   * A child JVM runs a slow noop job with checkpointing and is killed (SIGKILL) while it holds a
   * half-written output; a second run then finishes the job. No file may be lost, none done twice
   * (outputs recorded before the kill are not rewritten), and no half-written file kept.
   */
  @Test
  void aProcessKilledMidWriteResumesFromItsCheckpoint() throws Exception {
    Path in = dir.resolve("in");
    Path out = dir.resolve("out");
    int files = 6;
    Corpus.write(in, files, 200);

    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"),
        SlowJobMain.class.getName(), in.toString(), out.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("child.log").toFile())
        .start();
    try {
      // wait until at least one unit is recorded and another is half-written
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!(markers(out).size() >= 2 && !leftovers(out).isEmpty())) {
        assertThat(child.isAlive()).as("child still running; log: " + log()).isTrue();
        assertThat(System.nanoTime()).as("child made progress in time").isLessThan(deadline);
        Thread.sleep(20);
      }
      child.destroyForcibly(); // SIGKILL: no shutdown hooks, no finally blocks
      child.waitFor(30, TimeUnit.SECONDS);
    } finally {
      child.destroyForcibly();
    }
    assertThat(leftovers(out)).as("the kill left a half-written temporary file").isNotEmpty();
    List<String> doneBefore = OutputFolders.parquetFiles(out);
    assertThat(doneBefore).hasSizeLessThan(files);
    Map<String, FileTime> stamps = new HashMap<>();
    for (Path m : markers(out)) {
      String unit = java.net.URLDecoder.decode(m.getFileName().toString().replace(".json", ""), "UTF-8");
      stamps.put(unit, Files.getLastModifiedTime(out.resolve(unit)));
    }

    JobReport resumed = Jobs.run("noop", in, out, Map.of(), Map.of("checkpointing", true), 2);

    assertThat(resumed.status()).isEqualTo("success");
    assertThat(resumed.skipped()).isEqualTo(stamps.size());
    assertThat(resumed.stats().sourceFiles()).isEqualTo(files - stamps.size());
    assertThat(OutputFolders.parquetFiles(out)).hasSize(files); // none lost
    assertThat(leftovers(out)).isEmpty(); // no half-written file kept
    for (Map.Entry<String, FileTime> e : stamps.entrySet()) { // none done twice
      assertThat(Files.getLastModifiedTime(out.resolve(e.getKey()))).as(e.getKey()).isEqualTo(e.getValue());
    }
    long rows = 0;
    for (String rel : OutputFolders.parquetFiles(out)) {
      OutputFolders.assertSameTable(in.resolve(rel), out.resolve(rel), rel, false);
      rows += ParquetTable.open(OutputFolders.input(out.resolve(rel))).rowCount();
    }
    assertThat(rows).isEqualTo(files * 200L);
    assertThat(markers(out)).hasSize(files);
  }

  private String log() throws Exception {
    Path log = dir.resolve("child.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static List<Path> markers(Path out) throws Exception {
    Path folder = out.resolve("_checkpoint");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".json")).toList();
    }
  }

  private static List<Path> leftovers(Path out) throws Exception {
    if (!Files.isDirectory(out)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(out)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList();
    }
  }

  /** The child process: one worker, 10-row batches, a pause per batch, so writes take a while. */
  public static final class SlowJobMain {
    public static void main(String[] args) throws Exception {
      Jobs.run("noop", Path.of(args[0]), Path.of(args[1]), Map.of("sleep_sec", 0.02),
          Map.of("checkpointing", true, "batch_rows", 10), 1);
      System.out.println("finished" + File.separator); // the test kills us before this
    }
  }
}
