package dev.quarry.bench;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.transform.run.JobReport;
import dev.quarry.transform.run.JobRequest;
import dev.quarry.transform.run.Orchestrator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Quarry's transform runtime against DuckDB over the same generated Parquet corpus, in this JVM and
 * this run: {@code noop} against {@code COPY (SELECT * FROM read_parquet(...)) TO ...}, and
 * {@code ededup} against the same exact dedup in DuckDB SQL (SHA-256 of the lower-cased text with
 * everything but letters and digits removed; the first occurrence in file order is kept).
 *
 * <p>The corpus is written by DuckDB ({@code bench/data/transform/docs-<size>/part-NNN.parquet}):
 * an id, a source, a timestamp, a score and a {@code contents} text of 40 to 100 words; about a
 * fifth of the documents repeat another document's text, some with other case and punctuation.
 */
public final class TransformBenchmark {

  private record Result(String task, String tool, double seconds, long rowsOut, long bytesOut) {}

  public static void main(String[] args) throws Exception {
    double gb = 2;
    int files = 64;
    Path dir = Path.of("bench/data/transform");
    int workers = Runtime.getRuntime().availableProcessors();
    for (String a : args) {
      if (a.startsWith("--gb=")) {
        gb = Double.parseDouble(a.substring(5));
      } else if (a.startsWith("--files=")) {
        files = Integer.parseInt(a.substring(8));
      } else if (a.startsWith("--dir=")) {
        dir = Path.of(a.substring(6));
      } else if (a.startsWith("--workers=")) {
        workers = Integer.parseInt(a.substring(10));
      } else if (!a.isBlank()) {
        System.err.println("unknown option " + a);
        System.exit(2);
      }
    }
    System.out.printf(Locale.ROOT, "machine: %d cores, %d workers, max heap %d MB, java %s%n",
        Runtime.getRuntime().availableProcessors(), workers, Runtime.getRuntime().maxMemory() >> 20,
        System.getProperty("java.version"));
    long t = System.nanoTime();
    Path corpus = corpus(dir, gb, files);
    long inBytes = size(corpus);
    long inRows = count("SELECT count(*) FROM read_parquet('" + corpus + "/*.parquet')");
    System.out.printf(Locale.ROOT, "corpus: %s, %d files, %d rows, %d MB of Parquet (ready in %.1f s)%n",
        corpus, files, inRows, inBytes >> 20, (System.nanoTime() - t) / 1e9);

    Path out = dir.resolve("out");
    // warm-up: load classes and JIT-compile the read/write path, as DuckDB's native code needs none
    warmUp(corpus, out.resolve("warm-up"), workers);
    Result quarryNoop = quarry("noop", Map.of(), corpus, out.resolve("quarry-noop"), workers);
    Result duckNoop = duck("noop", "COPY (SELECT * FROM read_parquet('" + corpus + "/*.parquet')) TO '"
        + out.resolve("duck-noop.parquet") + "' (FORMAT parquet, COMPRESSION snappy)", out.resolve("duck-noop.parquet"),
        workers);
    Result quarryDedup = quarry("ededup", Map.of("doc_column", "contents"), corpus, out.resolve("quarry-ededup"), workers);
    Result duckDedup = duck("ededup", "COPY (SELECT * EXCLUDE (filename, file_row_number, k, rn) FROM ("
        + " SELECT *, row_number() OVER (PARTITION BY k ORDER BY filename, file_row_number) AS rn FROM ("
        + "  SELECT *, sha256(regexp_replace(lower(contents), '[^\\p{L}\\p{N}]', '', 'g')) AS k"
        + "  FROM read_parquet('" + corpus + "/*.parquet', filename = true, file_row_number = true)))"
        + " WHERE rn = 1 ORDER BY filename, file_row_number) TO '" + out.resolve("duck-ededup.parquet")
        + "' (FORMAT parquet, COMPRESSION snappy)", out.resolve("duck-ededup.parquet"), workers);

    System.out.println();
    System.out.printf(Locale.ROOT, "%-8s %-8s %9s %10s %12s %10s%n", "task", "tool", "seconds", "MB/s in",
        "rows out", "MB out");
    for (Result r : List.of(quarryNoop, duckNoop, quarryDedup, duckDedup)) {
      System.out.printf(Locale.ROOT, "%-8s %-8s %9.2f %10.1f %12d %10d%n", r.task(), r.tool(), r.seconds(),
          (inBytes / 1e6) / r.seconds(), r.rowsOut(), r.bytesOut() >> 20);
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "noop:   Quarry throughput = %.2f× DuckDB's (target ≥ 0.5×)%n",
        duckNoop.seconds() / quarryNoop.seconds());
    System.out.printf(Locale.ROOT, "ededup: Quarry time = %.2f× DuckDB's (target ≤ 1.5×)%n",
        quarryDedup.seconds() / duckDedup.seconds());
    if (quarryNoop.rowsOut() != inRows || duckNoop.rowsOut() != inRows) {
      System.out.println("CHECK FAILED: noop lost rows");
      System.exit(1);
    }
    if (quarryDedup.rowsOut() != duckDedup.rowsOut()) {
      System.out.printf("CHECK FAILED: ededup kept %d rows, DuckDB %d%n", quarryDedup.rowsOut(), duckDedup.rowsOut());
      System.exit(1);
    }
    System.out.printf(Locale.ROOT, "check: noop kept all %d rows; both dedups kept %d rows%n", inRows,
        quarryDedup.rowsOut());
  }

  private static void warmUp(Path corpus, Path out, int workers) throws Exception {
    long t = System.nanoTime();
    JobRequest request = new JobRequest(
        Map.of("input", corpus.toString(), "output", out.toString(), "max_files", Math.min(4, workers * 2)),
        List.of(new JobRequest.StepRequest("ededup", Map.of("doc_column", "contents"))));
    try (LocalEngine engine = new LocalEngine(workers)) {
      new Orchestrator(FileIO.unrestricted(), engine).run(request.validate());
    }
    delete(out);
    System.out.printf(Locale.ROOT, "warm-up: %.1f s%n", (System.nanoTime() - t) / 1e9);
  }

  private static Result quarry(String transform, Map<String, Object> params, Path in, Path out, int workers)
      throws Exception {
    delete(out);
    System.gc();
    long t = System.nanoTime();
    JobRequest request = new JobRequest(Map.of("input", in.toString(), "output", out.toString()),
        List.of(new JobRequest.StepRequest(transform, params)));
    JobReport report;
    try (LocalEngine engine = new LocalEngine(workers)) {
      report = new Orchestrator(FileIO.unrestricted(), engine).run(request.validate());
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    if (!report.status().equals(JobReport.SUCCESS)) {
      throw new IllegalStateException(transform + " ended " + report.status() + ": " + report.failures());
    }
    return new Result(transform, "quarry", seconds, report.stats().resultRows(), report.stats().resultSize());
  }

  private static Result duck(String task, String sql, Path target, int workers) throws Exception {
    delete(target);
    Files.createDirectories(target.getParent());
    long t = System.nanoTime();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      s.execute("SET threads = " + workers);
      s.execute("SET preserve_insertion_order = true");
      s.execute(sql);
    }
    double seconds = (System.nanoTime() - t) / 1e9;
    return new Result(task, "duckdb", seconds, count("SELECT count(*) FROM read_parquet('" + target + "')"),
        Files.size(target));
  }

  /** The corpus folder, generated by DuckDB if it is not there yet. */
  static Path corpus(Path dir, double gb, int files) throws SQLException, IOException {
    long textBytes = (long) (gb * (1L << 30));
    long rows = Math.max(files, textBytes / 420); // ~70 words of ~6 bytes
    Path corpus = dir.resolve("docs-" + (textBytes >> 20) + "mb-" + files);
    Path done = corpus.resolve("_READY");
    if (Files.exists(done)) {
      return corpus;
    }
    delete(corpus);
    Files.createDirectories(corpus);
    long perFile = (rows + files - 1) / files;
    String words = "['the','of','and','data','model','river','stone','quarry','light','north','table',"
        + "'value','train','paper','green','music','query','label','cloud','field','ocean','seven',"
        + "'report','market','signal','garden','letter','window','engine','future','silver','winter']";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement()) {
      for (int f = 0; f < files; f++) {
        long from = f * perFile;
        long to = Math.min(rows, from + perFile);
        // a fifth of the documents take the text of an earlier one (seed), some upper-cased or with
        // extra punctuation, so normalisation matters
        String seed = "CASE WHEN hash(i) % 5 = 0 THEN hash(i * 7) % greatest(1, i) ELSE i END";
        String text = "array_to_string(list_transform(range(40 + (hash(s) % 61)::BIGINT),"
            + " lambda x: " + words + "[1 + (hash(s * 131 + x) % 32)::BIGINT]), ' ')";
        String variant = "CASE hash(i * 3) % 10 WHEN 0 THEN upper(t) WHEN 1 THEN replace(t, ' ', ', ') ELSE t END";
        s.execute("COPY (SELECT i AS id, 'source-' || (i % 17) AS source,"
            + " TIMESTAMP '2024-01-01' + to_seconds(i) AS fetched_at, (hash(i) % 1000) / 10.0 AS score,"
            + " " + variant + " AS contents"
            + " FROM (SELECT i, " + text.replace("hash(s", "hash(s") + " AS t FROM (SELECT i, (" + seed + ")::BIGINT AS s"
            + " FROM range(" + from + ", " + to + ") r(i)))) TO '"
            + corpus.resolve(String.format("part-%03d.parquet", f)) + "' (FORMAT parquet, COMPRESSION snappy,"
            + " ROW_GROUP_SIZE 100000)");
      }
    }
    Files.writeString(done, "");
    return corpus;
  }

  private static long count(String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      r.next();
      return r.getLong(1);
    }
  }

  private static long size(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.toString().endsWith(".parquet")).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void delete(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path x : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(x);
      }
    }
  }
}
