package dev.quarry.synth.write;

import dev.quarry.core.formats.ValueType;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Single-thread write speed of each text format on a 10-column mixed table, to a file and to a
 * null stream (the formatter alone). Rows come from a pre-built pool so generation is not measured.
 * Run with {@code -Dquarry.bench=true}; prints MB/s.
 */
@EnabledIfSystemProperty(named = "quarry.bench", matches = "true")
class ThroughputTest {

  private static final OutputSchema SCHEMA = new OutputSchema("customers", List.of(
      new OutputColumn("id", ValueType.INTEGER, 0, false),
      new OutputColumn("name", ValueType.STRING, 0, false),
      new OutputColumn("email", ValueType.STRING, 0, false),
      new OutputColumn("age", ValueType.INTEGER, 0, false),
      new OutputColumn("tier", ValueType.STRING, 0, false),
      new OutputColumn("score", ValueType.FLOAT, 0, true),
      new OutputColumn("code", ValueType.STRING, 0, false),
      new OutputColumn("signup", ValueType.DATE, 0, false),
      new OutputColumn("amount", ValueType.DECIMAL, 2, false, 10),
      new OutputColumn("active", ValueType.BOOLEAN, 0, false)));

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv", "jsonl", "json", "sql:postgresql", "xml", "parquet"})
  void megabytesPerSecond(String name) throws Exception {
    OutputFormat format = OutputFormats.byName(name);
    Object[][] pool = pool(4096);
    int rows = Integer.getInteger("quarry.bench.rows", 3_000_000);
    Path file = Files.createTempFile("quarry-bench", "." + format.extension());
    try {
      run(format, pool, rows / 5, OutputStream.nullOutputStream()); // warm-up
      long t0 = System.nanoTime();
      CountingStream nul = new CountingStream(OutputStream.nullOutputStream());
      run(format, pool, rows, nul);
      double memory = seconds(t0);
      long t1 = System.nanoTime();
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        run(format, pool, rows, out);
      }
      double disk = seconds(t1);
      long bytes = Files.size(file);
      System.out.printf("%-15s %,d rows, %,d bytes: null stream %.0f MB/s (%,.0f rows/s), file %.0f MB/s (%,.0f rows/s)%n",
          name, rows, bytes, nul.count / memory / 1e6, rows / memory, bytes / disk / 1e6, rows / disk);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private static void run(OutputFormat format, Object[][] pool, int rows, OutputStream out) throws Exception {
    try (RowWriter w = format.open(out, SCHEMA, Fragment.WHOLE)) {
      for (int i = 0; i < rows; i++) {
        Object[] row = pool[i & (pool.length - 1)];
        row[0] = (long) i;
        w.write(row);
      }
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static Object[][] pool(int n) {
    SplittableRandom r = new SplittableRandom(3);
    String[] first = {"Ann", "Bob", "Chloé", "Dmitri", "Eve", "Fatima", "Grace", "Hiro"};
    String[] last = {"Smith", "O'Neil", "García", "Nguyen", "Müller", "Kowalski"};
    String[] tiers = {"gold", "silver", "bronze"};
    Object[][] pool = new Object[n][];
    for (int i = 0; i < n; i++) {
      String f = first[r.nextInt(first.length)];
      String l = last[r.nextInt(last.length)];
      pool[i] = new Object[] {
        (long) i, f + " " + l, (f + "." + l + r.nextInt(1000) + "@example.com").toLowerCase(),
        (long) r.nextInt(18, 91), tiers[r.nextInt(3)], r.nextInt(20) == 0 ? null : r.nextDouble(),
        "ABC-" + r.nextInt(1000, 10000), LocalDate.of(2020, 1, 1).plusDays(r.nextInt(1826)),
        BigDecimal.valueOf(r.nextLong(100, 50_000), 2), r.nextBoolean()};
    }
    return pool;
  }

  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) {
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      count += len;
    }
  }
}
