package dev.quarry.profile;

import static dev.quarry.profile.ProfileTesting.assertSameStatistics;
import static dev.quarry.profile.ProfileTesting.field;
import static dev.quarry.profile.ProfileTesting.recordSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.ProfileTesting.Run;
import dev.quarry.profile.heavy.HeavyProfiler;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A big file profiled whole (one task) and split across workers (byte ranges of CSV and JSON Lines,
 * row groups of Parquet) must give the same profile: the same counts, missing values, exact distinct
 * counts, min and max, means to 1e-9, and close quantiles. The CSV has quoted fields with commas and
 * newlines, so split points must land on record boundaries.
 */
class SplitProfileTest {

  private static final HeavyProfiler.Options WHOLE =
      new HeavyProfiler.Options(Long.MAX_VALUE, Long.MAX_VALUE);
  private static final HeavyProfiler.Options SPLIT_1MB = new HeavyProfiler.Options(1 << 20, 1 << 20);

  private static final String[] CATEGORIES = {"books", "music", "garden", "toys", "food", "tools",
      "sports", "games", "office", "health", "beauty", "travel"};

  private static LocalEngine engine;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    engine = new LocalEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  private static Run profile(Path path, HeavyProfiler.Options options) throws IOException {
    return ProfileTesting.profileCountingTasks(FileIO.unrestricted(), engine,
        ProfileRequest.of(path.toString()).withSplit(options));
  }

  /** What the CSV generator wrote, to check the profile against. */
  private static final class Written {
    long rows;
    long missingQty;
    long missingComment;
    long multiLineComments;
    double amountSum;
    double amountMin = Double.POSITIVE_INFINITY;
    double amountMax = Double.NEGATIVE_INFINITY;
    List<Double> amounts = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Set<Integer> quantities = new HashSet<>();
    LocalDate firstDay;
    LocalDate lastDay;
  }

  private static Written writeCsv(Path path, long targetBytes) throws IOException {
    Written w = new Written();
    Random random = new Random(42);
    LocalDate day0 = LocalDate.of(2019, 7, 1);
    try (BufferedWriter out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      out.write("id,name,comment,amount,qty,day,category,flag\n");
      long bytes = 0;
      for (int i = 0; bytes < targetBytes; i++) {
        String name = "\"Smith, John " + (i % 5000) + "\"";
        w.names.add("Smith, John " + (i % 5000));
        String comment;
        if (i % 13 == 0) {
          comment = "";
          w.missingComment++;
        } else if (i % 29 == 0) {
          comment = "\"first line, with a comma\nsecond line " + i + "\"";
          w.multiLineComments++;
        } else if (i % 31 == 0) {
          comment = "\"she said \"\"hi\"\", then left\"";
        } else {
          comment = "note " + (i % 700);
        }
        double amount = Math.round(random.nextGaussian() * 5000 + 20000) / 100.0;
        w.amountSum += amount;
        w.amountMin = Math.min(w.amountMin, amount);
        w.amountMax = Math.max(w.amountMax, amount);
        w.amounts.add(amount);
        String qty;
        if (i % 11 == 0) {
          qty = "";
          w.missingQty++;
        } else {
          int q = random.nextInt(1000);
          w.quantities.add(q);
          qty = Integer.toString(q);
        }
        LocalDate day = day0.plusDays(i % 1500);
        w.firstDay = w.firstDay == null || day.isBefore(w.firstDay) ? day : w.firstDay;
        w.lastDay = w.lastDay == null || day.isAfter(w.lastDay) ? day : w.lastDay;
        String line = String.join(",", Integer.toString(i + 1), name, comment,
            String.format(Locale.ROOT, "%.2f", amount), qty, day.toString(),
            CATEGORIES[random.nextInt(CATEGORIES.length)], random.nextBoolean() ? "yes" : "no")
            + "\n";
        out.write(line);
        bytes += line.length();
        w.rows++;
      }
    }
    return w;
  }

  @Test
  void csvSplitByByteRangesEqualsWholeFile() throws Exception {
    Path csv = dir.resolve("orders.csv");
    Written w = writeCsv(csv, 8L << 20);
    assertThat(Files.size(csv)).isGreaterThan(8L << 20);

    Run whole = profile(csv, WHOLE);
    Run split = profile(csv, SPLIT_1MB);
    assertThat(whole.heavyTasks()).isEqualTo(1);
    assertThat(split.heavyTasks()).isGreaterThanOrEqualTo(8); // > 8 MB in 1 MB parts
    assertThat(split.profile().heavy().warnings()).isEmpty();

    RecordSetProfile a = recordSet(whole.profile(), "orders");
    RecordSetProfile b = recordSet(split.profile(), "orders");
    // first against what was written...
    for (RecordSetProfile rs : List.of(a, b)) {
      assertThat(rs.rows()).isEqualTo(w.rows);
      assertThat(field(rs, "qty").statistics().missing()).isEqualTo(w.missingQty);
      assertThat(field(rs, "qty").statistics().distinct()).isEqualTo(w.quantities.size());
      assertThat(field(rs, "comment").statistics().missing()).isEqualTo(w.missingComment);
      assertThat(field(rs, "name").statistics().distinct()).isEqualTo(w.names.size());
      assertThat(field(rs, "name").statistics().distinctExact()).isTrue();
      assertThat(field(rs, "category").statistics().distinct()).isEqualTo(CATEGORIES.length);
      assertThat(field(rs, "category").semanticTypes()).containsExactly(SemanticType.CATEGORICAL);
      assertThat(field(rs, "flag").dataType()).isEqualTo("sc:Boolean");
      assertThat(field(rs, "day").dataType()).isEqualTo("sc:Date");
      assertThat(field(rs, "day").statistics().distinct()).isEqualTo(1500);
      assertThat(field(rs, "day").temporal().start())
          .isEqualTo(w.firstDay.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
      assertThat(field(rs, "day").temporal().end())
          .isEqualTo(w.lastDay.atStartOfDay().toInstant(java.time.ZoneOffset.UTC));
      FieldProfile amount = field(rs, "amount");
      assertThat(amount.dataType()).isEqualTo("sc:Float");
      assertThat(amount.statistics().min()).isEqualTo(w.amountMin);
      assertThat(amount.statistics().max()).isEqualTo(w.amountMax);
      assertThat(amount.statistics().mean()).isCloseTo(w.amountSum / w.rows, within(1e-6));
      assertThat(amount.statistics().quantiles().get("p50"))
          .isCloseTo(exactMedian(w.amounts), within(0.02 * (w.amountMax - w.amountMin)));
      FieldProfile id = field(rs, "id");
      assertThat(id.statistics().distinctExact()).isFalse(); // > 10,000: an HLL estimate
      assertThat((double) id.statistics().distinct()).isCloseTo(w.rows, within(0.03 * w.rows));
      assertThat(id.statistics().max()).isEqualTo((double) w.rows);
    }
    assertThat(w.multiLineComments).isGreaterThan(1000);
    assertThat(field(a, "comment").statistics().samples().toString()).doesNotContain("Smith");
    // ...then against each other
    assertSameStatistics(a, b, 0.05);
  }

  private static double exactMedian(List<Double> values) {
    double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(v);
    return v[v.length / 2];
  }

  @Test
  void jsonLinesSplitByByteRangesEqualsWholeFile() throws Exception {
    Path jsonl = dir.resolve("events.jsonl");
    Random random = new Random(7);
    long rows = 0;
    long missingScore = 0;
    double scoreSum = 0;
    LocalDateTime t0 = LocalDateTime.of(2024, 1, 1, 0, 0);
    try (BufferedWriter out = Files.newBufferedWriter(jsonl, StandardCharsets.UTF_8)) {
      long bytes = 0;
      for (int i = 0; bytes < (3L << 20); i++) {
        String score;
        if (i % 9 == 4) {
          score = "null";
          missingScore++;
        } else {
          double s = random.nextInt(100_000) / 100.0;
          scoreSum += s;
          score = Double.toString(s);
        }
        String line = String.format(Locale.ROOT,
            "{\"seq\": %d, \"user\": \"user-%d\", \"kind\": \"%s\", \"score\": %s, "
                + "\"at\": \"%sZ\", \"meta\": {\"source\": \"%s\", \"retries\": %d}}\n",
            i, i % 3000, CATEGORIES[i % 5], score, t0.plusMinutes(i), i % 2 == 0 ? "web" : "app",
            i % 4);
        out.write(line);
        bytes += line.length();
        rows++;
      }
    }
    Run whole = profile(jsonl, WHOLE);
    Run split = profile(jsonl, SPLIT_1MB);
    assertThat(whole.heavyTasks()).isEqualTo(1);
    assertThat(split.heavyTasks()).isGreaterThanOrEqualTo(3);
    RecordSetProfile a = recordSet(whole.profile(), "events");
    RecordSetProfile b = recordSet(split.profile(), "events");
    for (RecordSetProfile rs : List.of(a, b)) {
      assertThat(rs.rows()).isEqualTo(rows);
      assertThat(field(rs, "score").statistics().missing()).isEqualTo(missingScore);
      assertThat(field(rs, "score").statistics().mean())
          .isCloseTo(scoreSum / (rows - missingScore), within(1e-6));
      assertThat(field(rs, "user").statistics().distinct()).isEqualTo(3000);
      assertThat(field(rs, "meta.source").jsonPath()).isEqualTo("$.meta.source");
      assertThat(field(rs, "meta.retries").statistics().max()).isEqualTo(3.0);
      assertThat(field(rs, "kind").statistics().distinct()).isEqualTo(5);
    }
    assertSameStatistics(a, b, 0.05);
  }

  @Test
  void parquetSplitByRowGroupsEqualsWholeFile() throws Exception {
    Path parquet = dir.resolve("measurements.parquet");
    int rows = 200_000;
    ProfileFormatsTest.writeParquet(parquet, rows, 20_000);
    long size = Files.size(parquet);
    HeavyProfiler.Options options = new HeavyProfiler.Options(size / 4, size / 8);
    Run whole = profile(parquet, WHOLE);
    Run split = profile(parquet, options);
    assertThat(whole.heavyTasks()).isEqualTo(1);
    assertThat(split.heavyTasks()).isGreaterThanOrEqualTo(4);
    RecordSetProfile a = recordSet(whole.profile(), "measurements");
    RecordSetProfile b = recordSet(split.profile(), "measurements");
    for (RecordSetProfile rs : List.of(a, b)) {
      assertThat(rs.rows()).isEqualTo(rows);
      assertThat(field(rs, "big").statistics().missing()).isEqualTo(rows / 5);
      assertThat(field(rs, "label").statistics().missing())
          .isEqualTo(countWhere(rows, i -> i % 7 == 3));
      assertThat(field(rs, "day").statistics().distinct()).isEqualTo(200);
      assertThat(field(rs, "flag").statistics().topValues())
          .anyMatch(v -> v.value().equals("true") && v.count() == countWhere(rows, i -> i % 3 == 0));
      assertThat(field(rs, "ts").temporal().end())
          .isEqualTo(ProfileFormatsTest.PARQUET_TS0.plusSeconds((rows - 1) * 61L));
      assertThat(field(rs, "ts").statistics().distinctExact()).isFalse();
      assertThat((double) field(rs, "ts").statistics().distinct()).isCloseTo(rows, within(0.05 * rows));
      assertThat(field(rs, "id").statistics().mean()).isCloseTo((rows - 1) / 2.0, within(1e-9));
    }
    assertSameStatistics(a, b, 0.05);
  }

  private static long countWhere(int rows, java.util.function.IntPredicate p) {
    long n = 0;
    for (int i = 0; i < rows; i++) {
      if (p.test(i)) {
        n++;
      }
    }
    return n;
  }
}
