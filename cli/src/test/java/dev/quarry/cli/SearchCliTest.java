package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchCliTest {

  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = QuarryCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void indexesSearchesJoinsUnionsAndAugments() throws Exception {
    StringBuilder stations = new StringBuilder("station,city,installed\n");
    StringBuilder readings = new StringBuilder("station_code,pm25\n");
    for (int i = 0; i < 100; i++) {
      stations.append("S").append(i).append(",city").append(i % 7).append(",2020-01-").append(10 + i % 9).append('\n');
      if (i < 70) {
        readings.append("s").append(i).append(',').append(i).append('\n')
            .append("s").append(i).append(',').append(i + 10).append('\n');
      }
    }
    Path a = dir.resolve("air_stations.csv");
    Path b = dir.resolve("pm_readings.csv");
    Path c = dir.resolve("more_stations.csv");
    Files.writeString(a, stations);
    Files.writeString(b, readings);
    Files.writeString(c, "Station,City,Installed\nS900,far,2021-01-01\n");
    String index = dir.resolve("idx").toString();

    Run add = run("search", "--index", index, "--add", b.toString(), "--add", c.toString());
    assertThat(add.code()).as(add.err()).isZero();
    assertThat(add.out()).contains("indexed " + b);

    Run kw = run("search", "--index", index, "readings");
    assertThat(kw.code()).as(kw.err()).isZero();
    assertThat(kw.out()).startsWith("1 datasets").contains("pm_readings.csv");

    Run dated = run("search", "--index", index, "--from", "2021-01-01", "--json");
    assertThat(dated.code()).isZero();
    assertThat(dated.out()).contains("more_stations.csv").doesNotContain("pm_readings");

    Run join = run("search", "--index", index, "--join", a.toString());
    assertThat(join.code()).as(join.err()).isZero();
    assertThat(join.out()).contains("pm_readings.csv").contains("station -> station_code (values 0.7");

    Run union = run("search", "--index", index, "--union", a.toString());
    assertThat(union.code()).as(union.err()).isZero();
    assertThat(union.out().lines().findFirst().orElseThrow()).contains("more_stations.csv");

    Path out = dir.resolve("augmented.csv");
    Run aug = run("augment", a.toString(), "--with", b.toString(), "--on", "station=station_code",
        "--agg", "mean", "-o", out.toString());
    assertThat(aug.code()).as(aug.err()).isZero();
    assertThat(aug.err()).contains("100 rows, 70 matched");
    assertThat(Files.readAllLines(out)).contains("station,city,installed,pm25_mean", "S3,city3,2020-01-13,8")
        .contains("S80,city3,2020-01-18,");

    Path unioned = dir.resolve("u.parquet");
    Run u = run("augment", a.toString(), "--with", c.toString(), "--union", "-f", "parquet", "-o", unioned.toString());
    assertThat(u.code()).as(u.err()).isZero();
    assertThat(u.err()).contains("101 rows");
  }

  @Test
  void mistakesExitWithTwoAndOneLine() {
    String index = dir.resolve("idx").toString();
    for (String[] args : new String[][] {
        {"search", "--index", index},
        {"search", "--index", index, "x", "--bbox", "0,95,10,100"},
        {"search", "--index", index, "x", "--from", "yesterday"},
        {"search", "--index", index, "--join", dir.resolve("missing.csv").toString()},
        {"augment", dir.resolve("missing.csv").toString(), "--with", "x.csv", "--on", "a=b"},
        {"augment", "a.csv", "--with", "b.csv", "--on", "a=b", "--agg", "median"}}) {
      Run r = run(args);
      assertThat(r.code()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
      assertThat(r.err().strip().lines().count()).as(r.err()).isEqualTo(1);
      assertThat(r.err()).startsWith("quarry: ");
    }
  }
}
