package dev.quarry.profile.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import dev.quarry.profile.FieldProfile;
import dev.quarry.profile.SemanticType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RecordSetSummarizerTest {

  /** Builds a CSV-like table from column generators and summarises it. */
  private static Map<String, FieldProfile> summarize(int rows, Map<String, IntFunction<String>> cols) {
    List<Column> columns = new ArrayList<>();
    cols.keySet().forEach(n -> columns.add(Column.of(n, ValueType.STRING)));
    Schema schema = new Schema(columns);
    TableStats t = new TableStats(true);
    List<IntFunction<String>> gens = new ArrayList<>(cols.values());
    for (int i = 0; i < rows; i++) {
      Object[] row = new Object[gens.size()];
      for (int c = 0; c < row.length; c++) {
        row[c] = gens.get(c).apply(i);
      }
      t.add(schema, row);
    }
    return RecordSetSummarizer.summarize("t", t, null).fields().stream()
        .collect(Collectors.toMap(FieldProfile::name, f -> f));
  }

  private static Map<String, IntFunction<String>> cols(Object... kv) {
    Map<String, IntFunction<String>> m = new java.util.LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      @SuppressWarnings("unchecked")
      IntFunction<String> f = (IntFunction<String>) kv[i + 1];
      m.put((String) kv[i], f);
    }
    return m;
  }

  @Test
  void semanticTypes() {
    String[] bools = {"yes", "no", "Yes"};
    String[] colours = {"red", "green", "blue"};
    Map<String, FieldProfile> f = summarize(500, cols(
        "id", (IntFunction<String>) i -> Integer.toString(i + 1),
        "flag", (IntFunction<String>) i -> bools[i % 3],
        "colour", (IntFunction<String>) i -> colours[i % 3],
        "when", (IntFunction<String>) i -> "2024-01-" + String.format("%02d", i % 28 + 1),
        "ymd", (IntFunction<String>) i -> Integer.toString(20200101 + i % 28),
        "year", (IntFunction<String>) i -> Integer.toString(1990 + i % 30),
        "lat", (IntFunction<String>) i -> Double.toString(40 + i / 1000.0),
        "lon", (IntFunction<String>) i -> Double.toString(-74 + i / 1000.0),
        "geom", (IntFunction<String>) i -> "POINT (" + (2 + i / 1000.0) + " " + (48 + i / 1000.0) + ")",
        "pair", (IntFunction<String>) i -> "(" + (10 + i / 1000.0) + ", " + (20 + i / 1000.0) + ")",
        "mail", (IntFunction<String>) i -> "user" + i + "@example.org",
        "link", (IntFunction<String>) i -> "https://example.org/p/" + i,
        "note", (IntFunction<String>) i -> "free text number " + i));
    assertThat(f.get("id").semanticTypes()).contains(SemanticType.IDENTIFIER);
    assertThat(f.get("id").dataType()).isEqualTo("sc:Integer");
    assertThat(f.get("flag").dataType()).isEqualTo("sc:Boolean");
    assertThat(f.get("flag").semanticTypes()).contains(SemanticType.BOOLEAN);
    assertThat(f.get("colour").semanticTypes()).containsExactly(SemanticType.CATEGORICAL);
    assertThat(f.get("when").dataType()).isEqualTo("sc:Date");
    assertThat(f.get("when").semanticTypes()).contains(SemanticType.DATETIME);
    assertThat(f.get("when").temporal().start()).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(f.get("when").temporal().end()).isEqualTo(Instant.parse("2024-01-28T00:00:00Z"));
    assertThat(f.get("when").temporal().resolution()).isEqualTo(TemporalResolution.DAY);
    assertThat(f.get("ymd").dataType()).isEqualTo("sc:Integer");
    assertThat(f.get("ymd").semanticTypes()).contains(SemanticType.DATETIME);
    assertThat(f.get("year").semanticTypes()).contains(SemanticType.DATETIME);
    assertThat(f.get("year").temporal().resolution()).isEqualTo(TemporalResolution.YEAR);
    assertThat(f.get("lat").semanticTypes()).contains(SemanticType.LATITUDE);
    assertThat(f.get("lon").semanticTypes()).contains(SemanticType.LONGITUDE);
    assertThat(f.get("lat").spatial().minLat()).isEqualTo(40.0);
    assertThat(f.get("lat").spatial().minLon()).isEqualTo(-74.0);
    assertThat(f.get("geom").semanticTypes()).contains(SemanticType.WKT_POINT);
    assertThat(f.get("geom").spatial().minLon()).isEqualTo(2.0);
    assertThat(f.get("geom").spatial().minLat()).isEqualTo(48.0);
    assertThat(f.get("pair").semanticTypes()).contains(SemanticType.LAT_LONG_POINT);
    assertThat(f.get("pair").spatial().minLat()).isEqualTo(10.0);
    assertThat(f.get("pair").spatial().minLon()).isEqualTo(20.0);
    assertThat(f.get("mail").semanticTypes()).contains(SemanticType.EMAIL);
    assertThat(f.get("link").dataType()).isEqualTo("sc:URL");
    assertThat(f.get("note").semanticTypes()).isEmpty();
    assertThat(f.get("note").dataType()).isEqualTo("sc:Text");
  }

  @Test
  void unpairedLatitudeLosesItsType() {
    Map<String, FieldProfile> f = summarize(100, cols(
        "latitude", (IntFunction<String>) i -> Double.toString(i / 10.0),
        "value", (IntFunction<String>) i -> Integer.toString(i)));
    assertThat(f.get("latitude").semanticTypes()).doesNotContain(SemanticType.LATITUDE);
    assertThat(f.get("latitude").spatial()).isNull();
  }

  @Test
  void dayFirstAndMonthFirstDates() {
    Map<String, FieldProfile> f = summarize(40, cols(
        "eu", (IntFunction<String>) i -> String.format("%02d/03/2024", i % 28 + 1),
        "us", (IntFunction<String>) i -> String.format("03/%02d/2024", i % 28 + 1)));
    assertThat(f.get("eu").temporal().end()).isEqualTo(Instant.parse("2024-03-28T00:00:00Z"));
    assertThat(f.get("us").temporal().end()).isEqualTo(Instant.parse("2024-03-28T00:00:00Z"));
  }

  @Test
  void warningsForConstantMissingAndMixedColumns() {
    Map<String, FieldProfile> f = summarize(200, cols(
        "const", (IntFunction<String>) i -> "x",
        "empty", (IntFunction<String>) i -> "",
        "mixed", (IntFunction<String>) i -> i % 4 == 0 ? "?" : Integer.toString(i)));
    assertThat(f.get("const").warnings()).anyMatch(w -> w.startsWith("constant"));
    assertThat(f.get("empty").warnings()).contains("all values are missing");
    assertThat(f.get("mixed").dataType()).isEqualTo("sc:Text");
    assertThat(f.get("mixed").warnings()).anyMatch(w -> w.startsWith("mixed types"));
  }
}
