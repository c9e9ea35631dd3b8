package dev.quarry.bench;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.Profiler;
import dev.quarry.profile.RecordSetProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heavy-profiles the same generated CSV and Parquet file with Quarry and with DuckDB's SUMMARIZE,
 * in this JVM and this run, and prints times, peak memory and the time ratio.
 *
 * <pre>
 * mvn -q -B -pl bench -am package -DskipTests && mvn -q -B -pl bench exec:exec -Dbench.args="--gb=1"
 * </pre>
 * Options: {@code --gb=N} CSV size (default 1), {@code --dir=PATH} data folder (default bench/data),
 * {@code --quarry-only} skip DuckDB (for the big-file heap check), {@code --no-parquet}.
 */
public final class ProfileBenchmark {

  private record Result(String tool, String input, double seconds, long peakHeap, long peakRss,
      String check) {}

  public static void main(String[] args) throws Exception {
    double gb = 1;
    Path dir = Path.of("bench/data");
    boolean duck = true;
    boolean parquet = true;
    for (String a : args) {
      if (a.startsWith("--gb=")) {
        gb = Double.parseDouble(a.substring(5));
      } else if (a.startsWith("--dir=")) {
        dir = Path.of(a.substring(6));
      } else if (a.equals("--quarry-only")) {
        duck = false;
      } else if (a.equals("--no-parquet")) {
        parquet = false;
      } else if (!a.isBlank()) {
        System.err.println("unknown option " + a);
        System.exit(2);
      }
    }
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MB, java %s%n", cores,
        Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"));
    long t = System.nanoTime();
    Path csv = BenchData.csv(dir, (long) (gb * (1L << 30)));
    System.out.printf(Locale.ROOT, "csv: %s, %d MB (ready in %.1f s)%n", csv, Files.size(csv) >> 20,
        (System.nanoTime() - t) / 1e9);
    List<Path> inputs = new ArrayList<>(List.of(csv));
    if (parquet) {
      t = System.nanoTime();
      Path pq = BenchData.parquet(csv);
      System.out.printf(Locale.ROOT, "parquet: %s, %d MB (ready in %.1f s)%n", pq,
          Files.size(pq) >> 20, (System.nanoTime() - t) / 1e9);
      inputs.add(pq);
    }

    List<Result> results = new ArrayList<>();
    for (Path input : inputs) {
      results.add(quarry(input, cores));
      if (duck) {
        results.add(duckdb(input));
      }
    }
    System.out.println();
    System.out.printf(Locale.ROOT, "%-8s %-28s %9s %10s %10s  %s%n", "tool", "input", "seconds",
        "peak heap", "peak RSS", "check");
    for (Result r : results) {
      System.out.printf(Locale.ROOT, "%-8s %-28s %9.2f %8d MB %8d MB  %s%n", r.tool(), r.input(),
          r.seconds(), r.peakHeap() >> 20, r.peakRss() >> 20, r.check());
    }
    if (duck) {
      for (Path input : inputs) {
        Result q = find(results, "quarry", input);
        Result d = find(results, "duckdb", input);
        System.out.printf(Locale.ROOT, "ratio quarry/duckdb on %s: %.2fx the time%n",
            input.getFileName(), q.seconds() / d.seconds());
      }
    }
  }

  private static Result find(List<Result> rs, String tool, Path input) {
    return rs.stream().filter(r -> r.tool().equals(tool) && r.input().equals(input.getFileName().toString()))
        .findFirst().orElseThrow();
  }

  private static Result quarry(Path input, int cores) throws Exception {
    try (PeakMemory mem = new PeakMemory(); LocalEngine engine = new LocalEngine(cores)) {
      long t = System.nanoTime();
      Profile p = new Profiler(FileIO.unrestricted(), engine).profile(ProfileRequest.of(input.toString()));
      double s = (System.nanoTime() - t) / 1e9;
      RecordSetProfile rs = p.heavy().recordSets().get(0);
      return new Result("quarry", input.getFileName().toString(), s, mem.peakHeap(), mem.peakRss(),
          rs.rows() + " rows, " + rs.fields().size() + " fields");
    }
  }

  private static Result duckdb(Path input) throws Exception {
    try (PeakMemory mem = new PeakMemory();
        Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      String from = input.toString().endsWith(".csv")
          ? "read_csv('" + input + "')" : "read_parquet('" + input + "')";
      long t = System.nanoTime();
      long rows = 0;
      long fields = 0;
      try (ResultSet r = s.executeQuery("SUMMARIZE SELECT * FROM " + from)) {
        while (r.next()) {
          fields++;
          rows = Math.max(rows, r.getLong("count"));
        }
      }
      double sec = (System.nanoTime() - t) / 1e9;
      return new Result("duckdb", input.getFileName().toString(), sec, mem.peakHeap(), mem.peakRss(),
          rows + " rows, " + fields + " fields");
    }
  }
}
