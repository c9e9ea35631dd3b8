package dev.quarry.profile;

import static dev.quarry.profile.ProfileTesting.assertSameStatistics;
import static dev.quarry.profile.ProfileTesting.field;
import static dev.quarry.profile.ProfileTesting.recordSet;
import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.ProfileTesting.Run;
import dev.quarry.profile.heavy.HeavyProfiler;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Big CSV and JSON Lines objects, plain and gzip, profiled through slices (one engine task per
 * slice, exact record boundaries from the slice index) give the profile of a single pass.
 */
class SliceProfileTest {

  static final int ROWS = 40_000;
  static LocalEngine engine;
  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    engine = new LocalEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  static HeavyProfiler.Options whole() {
    return new HeavyProfiler.Options(Long.MAX_VALUE, Long.MAX_VALUE);
  }

  static HeavyProfiler.Options sliced() {
    return new HeavyProfiler.Options(64 << 10, 512 << 10).withSliceMeta(dir.resolve("slice-meta").toString());
  }

  static Run profile(Path path, HeavyProfiler.Options options) throws IOException {
    return ProfileTesting.profileCountingTasks(
        FileIO.unrestricted(), engine, ProfileRequest.of(path.toString()).withSplit(options));
  }

  static void writeCsv(Writer out) throws IOException {
    out.write("id,name,comment,amount,day\n");
    for (int i = 0; i < ROWS; i++) {
      String comment = i % 7 == 0 ? "\"two lines,\nwith a comma " + i + "\"" : i % 11 == 0 ? "" : "note " + (i % 300);
      out.write(String.format(Locale.ROOT, "%d,\"Smith, J %d\",%s,%.2f,2024-01-%02d\n",
          i, i % 500, comment, (i % 1000) / 4.0, 1 + i % 28));
    }
  }

  static void check(Run a, Run b, String name) {
    RecordSetProfile x = recordSet(a.profile(), name);
    RecordSetProfile y = recordSet(b.profile(), name);
    assertThat(x.rows()).isEqualTo(ROWS);
    assertThat(y.rows()).isEqualTo(ROWS);
    assertThat(a.heavyTasks()).isEqualTo(1);
    assertThat(b.heavyTasks()).isGreaterThanOrEqualTo(3);
    assertThat(b.profile().heavy().warnings()).isEmpty();
    assertSameStatistics(x, y, 0.05);
  }

  @Test
  void csvPlainAndGzipThroughSlicesEqualsOnePass() throws IOException {
    Path csv = dir.resolve("orders.csv");
    try (Writer out = Files.newBufferedWriter(csv)) {
      writeCsv(out);
    }
    Run whole = profile(csv, whole());
    Run sliced = profile(csv, sliced());
    check(whole, sliced, "orders");
    assertThat(field(recordSet(sliced.profile(), "orders"), "comment").statistics().missing())
        .isEqualTo(field(recordSet(whole.profile(), "orders"), "comment").statistics().missing());

    Path gz = dir.resolve("gz/orders.csv.gz");
    Files.createDirectories(gz.getParent());
    try (OutputStream raw = Files.newOutputStream(gz);
        Writer out = new OutputStreamWriter(new GZIPOutputStream(raw), StandardCharsets.UTF_8)) {
      writeCsv(out);
    }
    Run gzWhole = profile(gz, whole());
    Run gzSliced = profile(gz, sliced());
    check(gzWhole, gzSliced, "orders");
    // the second profile reuses the index made by the first
    assertThat(profile(gz, sliced()).heavyTasks()).isEqualTo(gzSliced.heavyTasks());
  }

  /**
   * Compared with the plain file read in one pass: core reads a JSON Lines member of a gzip file
   * whole only through byte ranges it cannot give (its length is unknown), so the sliced read is
   * what makes such an object readable at all.
   */
  @Test
  void jsonLinesGzipThroughSlicesEqualsOnePassOfThePlainFile() throws IOException {
    Path plain = dir.resolve("plain/events.jsonl");
    Path gz = dir.resolve("gzip/events.jsonl.gz");
    Files.createDirectories(plain.getParent());
    Files.createDirectories(gz.getParent());
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < ROWS; i++) {
      text.append(String.format(Locale.ROOT,
          "{\"seq\": %d, \"user\": \"user-%d\", \"score\": %s, \"meta\": {\"source\": \"%s\"}}\n",
          i, i % 3000, i % 9 == 4 ? "null" : Double.toString(i / 8.0), i % 2 == 0 ? "web" : "app"));
    }
    Files.writeString(plain, text);
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }
    check(profile(plain, whole()), profile(gz, sliced()), "events");
  }
}
