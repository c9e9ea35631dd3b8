package dev.quarry.bench;

import static net.datafaker.transformations.Field.field;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.TableWriter;
import dev.quarry.synth.write.OutputFormats;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.datafaker.Faker;
import net.datafaker.transformations.CsvTransformer;
import net.datafaker.transformations.Schema;

/**
 * The same 10-field mixed table written as CSV by Quarry and by Datafaker's own Schema +
 * CsvTransformer, in one run, plus the disk's own sequential write speed (with and without fsync)
 * as the ceiling. Each JVM
 * contender is warmed up by one untimed run and reported as the median of three.
 *
 * <pre>bench/synth.sh [--rows=N] [--datafaker-rows=N] [--dir=PATH]</pre>
 */
public final class SynthBenchmark {

  static final String SCHEMA = """
      seed: 42
      tables:
        people:
          rows: 1000
          fields:
            id:         {kind: sequence, start: 1}
            first_name: {kind: faker, provider: name.firstName}
            last_name:  {kind: faker, provider: name.lastName}
            email:      {kind: faker, provider: internet.emailAddress}
            age:        {kind: int, min: 18, max: 90}
            city:       {kind: faker, provider: address.city}
            amount:     {kind: decimal, min: 1, max: 500, scale: 2}
            created:    {kind: date, min: 2020-01-01, max: 2024-12-31}
            active:     {kind: boolean, probability: 0.7}
            tier:       {kind: enum, values: {gold: 1, silver: 3, bronze: 6}}
      """;

  public static void main(String[] args) throws Exception {
    long rows = 2_000_000;
    long dfRows = 200_000;
    Path dir = Path.of("bench/data");
    for (String a : args) {
      if (a.startsWith("--rows=")) {
        rows = Long.parseLong(a.substring(7));
      } else if (a.startsWith("--datafaker-rows=")) {
        dfRows = Long.parseLong(a.substring(17));
      } else if (a.startsWith("--dir=")) {
        dir = Path.of(a.substring(6));
      } else {
        System.err.println("unknown option " + a);
        System.exit(2);
      }
    }
    Files.createDirectories(dir);
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s%n", cores, System.getProperty("java.version"));

    // Each JVM contender runs once untimed (class loading, JIT) and then RUNS times; the median
    // run is reported, so the comparison is of steady states.
    double[] disk = diskWrite(dir.resolve("disk.bin"), 1L << 30);
    final long quarryRows = rows;
    final long datafakerRows = dfRows;
    final Path out = dir;
    Result q1 = median(() -> quarry(out.resolve("quarry-1.csv"), quarryRows, 1));
    Result qn = median(() -> quarry(out.resolve("quarry-n.csv"), quarryRows, cores));
    Result df = median(() -> datafaker(datafakerRows));
    Result js = peer("@faker-js/faker (node)", dir, List.of("node", "bench/peers/fakerjs.mjs"), 500_000);
    Result py = peer("Faker 0.9 (Debian python)", dir, List.of("/usr/bin/python3", "bench/peers/pyfaker.py"), 50_000);

    System.out.println();
    System.out.printf(Locale.ROOT, "%-28s %12s %10s %12s %10s%n", "writer", "rows", "seconds", "rows/s", "MB/s");
    for (Result r : new Result[] {q1, qn, df, js, py}) {
      if (r == null) {
        continue;
      }
      System.out.printf(Locale.ROOT, "%-28s %,12d %10.2f %,12.0f %10.1f%n", r.name, r.rows, r.seconds,
          r.rows / r.seconds, r.bytes / r.seconds / 1e6);
    }
    System.out.printf(Locale.ROOT, "%-28s %12s %10s %12s %10.1f%n", "disk (1 GiB, no fsync)", "", "", "", disk[0]);
    System.out.printf(Locale.ROOT, "%-28s %12s %10s %12s %10.1f%n", "disk (1 GiB, fsync)", "", "", "", disk[1]);
    System.out.printf(Locale.ROOT, "ratio quarry (1 thread) / datafaker: %.1fx rows/s%n",
        (q1.rows / q1.seconds) / (df.rows / df.seconds));
    System.out.printf(Locale.ROOT, "ratio quarry (%d threads) / datafaker: %.1fx rows/s%n", cores,
        (qn.rows / qn.seconds) / (df.rows / df.seconds));
    for (Result peer : new Result[] {js, py}) {
      if (peer != null) {
        System.out.printf(Locale.ROOT, "ratio quarry (1 thread) / %s: %.1fx rows/s%n", peer.name,
            (q1.rows / q1.seconds) / (peer.rows / peer.seconds));
      }
    }
    // Quarry, like the disk's first figure, writes into the page cache (no fsync).
    System.out.printf(Locale.ROOT,
        "quarry (%d threads) writes at %.0f%% of the disk's speed without fsync (%.0f%% of it with fsync)%n",
        cores, 100 * (qn.bytes / qn.seconds / 1e6) / disk[0], 100 * (qn.bytes / qn.seconds / 1e6) / disk[1]);
  }

  record Result(String name, long rows, long bytes, double seconds) {}

  static final int RUNS = 3;

  interface Run {
    Result run() throws Exception;
  }

  /** One untimed warm-up run, then the median of {@link #RUNS} runs by time. */
  static Result median(Run run) throws Exception {
    run.run();
    java.util.List<Result> results = new java.util.ArrayList<>();
    for (int i = 0; i < RUNS; i++) {
      results.add(run.run());
    }
    results.sort(java.util.Comparator.comparingDouble(Result::seconds));
    return results.get(RUNS / 2);
  }

  static Result quarry(Path file, long rows, int workers) throws Exception {
    Synthesizer synth = new Synthesizer(Synthesizer.parse(SCHEMA).schema().withRows("people", rows));
    long t = System.nanoTime();
    TableWriter.Result r;
    try (LocalEngine engine = new LocalEngine(workers);
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      r = TableWriter.write(synth, "people", OutputFormats.CSV, out, engine, RunOptions.defaults());
    }
    double s = (System.nanoTime() - t) / 1e9;
    long bytes = Files.size(file);
    Files.delete(file);
    return new Result("quarry (" + workers + " thread" + (workers > 1 ? "s" : "") + ")", r.rows(), bytes, s);
  }

  /** Datafaker's own way: a Schema of suppliers and its CsvTransformer. */
  static Result datafaker(long rows) {
    Faker faker = new Faker(new Random(42));
    long[] id = {0};
    Schema<Object, ?> schema = Schema.of(
        field("id", () -> ++id[0]),
        field("first_name", () -> faker.name().firstName()),
        field("last_name", () -> faker.name().lastName()),
        field("email", () -> faker.internet().emailAddress()),
        field("age", () -> faker.number().numberBetween(18, 91)),
        field("city", () -> faker.address().city()),
        field("amount", () -> faker.number().randomDouble(2, 1, 500)),
        field("created", () -> faker.timeAndDate().birthday(0, 5).toString()),
        field("active", () -> faker.random().nextDouble() < 0.7),
        field("tier", () -> faker.options().option("gold", "silver", "silver", "silver", "bronze",
            "bronze", "bronze", "bronze", "bronze", "bronze")));
    CsvTransformer<Object> csv = CsvTransformer.builder().header(true).separator(",").build();
    long t = System.nanoTime();
    String out = csv.generate(schema, (int) rows);
    double s = (System.nanoTime() - t) / 1e9;
    return new Result("datafaker Schema+CsvTransformer", rows, out.length(), s);
  }

  /**
   * Runs a peer written in another language (it writes the same table as CSV to a file and prints
   * {"rows", "bytes", "seconds"}); null when it cannot run here (no node, no Debian faker).
   */
  static Result peer(String name, Path dir, List<String> command, long rows) {
    try {
      Path out = dir.resolve("peer.csv");
      List<String> cmd = new java.util.ArrayList<>(command);
      cmd.add(Long.toString(rows));
      cmd.add(out.toString());
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
      String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      if (p.waitFor() != 0) {
        System.out.println(name + ": skipped (" + text.strip().lines().reduce((a, b) -> b).orElse("failed") + ")");
        return null;
      }
      Files.deleteIfExists(out);
      var json = tools.jackson.databind.json.JsonMapper.builder().build().readTree(text.strip());
      return new Result(name, json.get("rows").asLong(), json.get("bytes").asLong(),
          json.get("seconds").asDouble());
    } catch (Exception e) {
      System.out.println(name + ": skipped (" + e.getMessage() + ")");
      return null;
    }
  }

  /**
   * Sequential write of {@code bytes} in 1 MiB writes: MB/s when the last write returned (the page
   * cache, the ceiling for a writer that does not sync) and after a final fsync (the device).
   */
  static double[] diskWrite(Path file, long bytes) throws Exception {
    ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
    long t = System.nanoTime();
    double written;
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      for (long w = 0; w < bytes; w += buf.capacity()) {
        buf.clear();
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
      }
      written = (System.nanoTime() - t) / 1e9;
      ch.force(true);
    }
    double synced = (System.nanoTime() - t) / 1e9;
    Files.delete(file);
    return new double[] {bytes / written / 1e6, bytes / synced / 1e6};
  }
}
