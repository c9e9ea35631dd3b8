package dev.quarry.profile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.model.DatasetSpec;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.report.HtmlReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report of a real profile: record sets by name, an SVG histogram for a numeric field, top
 * values for a categorical one, the field warnings, balanced markup, and every name and value from
 * the data escaped.
 */
class HtmlReportTest {

  private static final Pattern TAG = Pattern.compile("<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>");
  private static final Set<String> VOID = Set.of("meta", "br", "hr", "img", "input", "link");

  private static LocalEngine engine;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    engine = new LocalEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void reportShowsStatisticsWarningsAndEscapesWhatComesFromTheData() throws Exception {
    Path data = Files.createDirectories(dir.resolve("shop"));
    StringBuilder csv = new StringBuilder("amount,department,constant,empty,<script>x</script>\n");
    String[] departments = {"R&D <lab>", "Sales", "Sales", "Support"};
    for (int i = 0; i < 40; i++) {
      csv.append(String.format(Locale.ROOT, "%.2f", 10 + i * 2.5)).append(',')
          .append(departments[i % 4]).append(",same,,").append(i % 2).append('\n');
    }
    Files.writeString(data.resolve("sales.csv"), csv.toString());
    Files.writeString(data.resolve("notes.txt"),
        "These notes describe the shop's sales of the last year, department by department.\n");

    Profile profile = new Profiler(FileIO.unrestricted(), engine).profile(
        ProfileRequest.of(data.toString()).withSpec(DatasetSpec.named("Shop & <Co> sales")));
    String html = HtmlReport.render(profile);

    // escaped title, no script anywhere: the report is self-contained and inert
    assertThat(html).contains("<title>Shop &amp; &lt;Co&gt; sales — Quarry profile</title>");
    assertThat(html).contains("<h1>Shop &amp; &lt;Co&gt; sales</h1>");
    assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script");
    assertThat(html).contains("&lt;script&gt;x&lt;/script&gt;");
    assertBalanced(html);

    // the record set by name, with its record count
    assertThat(html).contains("<h2 id=\"sales\">sales <span class=\"muted\">40 records, 5 fields</span></h2>");
    assertThat(html).contains("<tr><th>Record sets</th><td>1</td></tr>");
    assertThat(html).contains("<tr><th>Records</th><td>40</td></tr>");

    // a numeric field gets a 20-bin histogram whose bars carry the counts
    String amount = fieldRow(html, "amount");
    assertThat(amount).contains("<svg").contains("aria-label=\"histogram\"");
    assertThat(count(amount, "<rect")).isEqualTo(20);
    assertThat(amount).contains("<td class=\"n\">10</td>").contains("<td class=\"n\">107.5</td>");
    int barTotal = 0;
    Matcher bar = Pattern.compile("<title>[^<]*: (\\d+)</title>").matcher(amount);
    while (bar.find()) {
      barTotal += Integer.parseInt(bar.group(1));
    }
    assertThat(barTotal).isEqualTo(40);

    // a categorical field gets its top values, escaped, with their shares
    String department = fieldRow(html, "department");
    assertThat(department).contains("aria-label=\"top values\"").contains("<span class=\"tag\">categorical</span>");
    assertThat(department).contains("Sales (50.0%)").contains("R&amp;D &lt;lab&gt; (25.0%)");
    assertThat(department).doesNotContain("R&D <lab>");

    // warnings of a constant and of an all-missing field
    assertThat(fieldRow(html, "constant")).contains("class=\"warn\"").contains("constant: every value is &#39;same&#39;");
    assertThat(fieldRow(html, "empty")).contains("class=\"warn\"").contains("all values are missing");
    assertThat(fieldRow(html, "&lt;script&gt;x&lt;/script&gt;")).contains("Integer");

    // the document and the files are listed
    assertThat(html).contains("<h2>Documents</h2>").contains("notes.txt");
    assertThat(html).contains("<td>sales.csv</td>");
    String sha = profile.light().files().stream().filter(f -> f.id().equals("sales.csv")).findFirst()
        .orElseThrow().sha256();
    assertThat(html).contains("<code>" + sha + "</code>");
  }

  @Test
  void lightOnlyReportHasFilesAndNoRecordSets() throws Exception {
    Path csv = dir.resolve("a.csv");
    Files.writeString(csv, "x,y\n1,2\n3,4\n");
    Profile profile = new Profiler(FileIO.unrestricted(), engine)
        .profile(ProfileRequest.of(csv.toString()).withLightOnly(true));
    assertThat(profile.isLightOnly()).isTrue();
    String html = HtmlReport.render(profile);
    assertBalanced(html);
    assertThat(html).contains("<td>a.csv</td>").doesNotContain("Record sets").doesNotContain("<svg");
  }

  /** The table row of one field, from its name cell to the row's end. */
  private static String fieldRow(String html, String escapedName) {
    String start = "<tr><td><b>" + escapedName + "</b>";
    int i = html.indexOf(start);
    assertThat(i).as("row of field " + escapedName).isNotNegative();
    return html.substring(i, html.indexOf("</tr>", i));
  }

  private static int count(String s, String what) {
    int n = 0;
    for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
      n++;
    }
    return n;
  }

  /** Every element but the void ones closes, in order; so every table closes. */
  private static void assertBalanced(String html) {
    Deque<String> open = new ArrayDeque<>();
    Matcher m = TAG.matcher(html);
    int tables = 0;
    while (m.find()) {
      String name = m.group(2).toLowerCase(Locale.ROOT);
      if (VOID.contains(name) || m.group(3).endsWith("/")) {
        continue;
      }
      if (m.group(1).isEmpty()) {
        open.push(name);
        tables += name.equals("table") ? 1 : 0;
      } else {
        assertThat(open).as("closing </" + name + "> at " + m.start()).isNotEmpty();
        assertThat(open.pop()).as("element closed by </" + name + "> at " + m.start()).isEqualTo(name);
      }
    }
    assertThat(open).as("elements left open").isEmpty();
    assertThat(tables).isPositive();
    assertThat(count(html, "<table")).isEqualTo(count(html, "</table>"));
  }
}
