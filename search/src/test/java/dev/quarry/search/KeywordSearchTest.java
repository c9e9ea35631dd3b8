package dev.quarry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.model.DatasetSpec;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.Profiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyword ranking, filters, facets and highlights over datasets profiled from files made here. */
class KeywordSearchTest {

  @TempDir static Path dir;
  static LuceneSearchIndex index;

  @BeforeAll
  static void indexDatasets() throws Exception {
    index = LuceneSearchIndex.open(dir.resolve("index"));
    try (LocalEngine engine = new LocalEngine(2)) {
      Profiler profiler = new Profiler(FileIO.unrestricted(), engine);
      add(profiler, "taxi", "NYC taxi trips", "Yellow cab trips in New York City", "CC-BY-4.0",
          List.of("transport", "taxi"), "portal-a", "pickup_time,fare,lat,lon\n"
              + "2019-01-01 10:00:00,12.5,40.71,-74.00\n2019-03-31 23:10:00,8.0,40.80,-73.95\n"
              + "2019-02-11 11:00:00,22.0,40.65,-73.78\n");
      add(profiler, "weather", "Paris weather", "Daily weather observations in Paris", "CC0-1.0",
          List.of("climate"), "portal-b", "date,temperature,lat,lon\n"
              + "2021-06-01,21.5,48.85,2.35\n2021-06-02,23.0,48.86,2.34\n2021-06-03,19.0,48.84,2.36\n");
      add(profiler, "fares", "Transit fares", "Fares of public transport", "CC-BY-4.0",
          List.of("transport"), "portal-a", "route,fare_usd,taxi_zone\nM15,2.75,zone one\n"
              + "B44,2.75,zone two\nQ10,2.90,zone three\n");
      add(profiler, "pacific", "Fiji reef survey", "Coral reef survey near the antimeridian",
          "CC0-1.0", List.of("ocean"), "portal-c", "survey_date,lat,lon,cover\n"
              + "2020-05-01,-17.0,179.5,0.4\n2020-05-02,-17.2,-179.8,0.5\n");
    }
  }

  private static void add(Profiler profiler, String id, String name, String description,
      String license, List<String> keywords, String source, String csv) throws Exception {
    Path file = dir.resolve(id + ".csv");
    Files.writeString(file, csv);
    DatasetSpec spec = new DatasetSpec(id, name, description, null, null, license, null, keywords,
        null, null, null, null, null, null);
    Profile p = profiler.profile(ProfileRequest.of(file.toString()).withSpec(spec));
    index.upsert(EntryBuilder.sketchAndBuild(FileIO.unrestricted(), id, file.toString(), source, p,
        Map.of()));
  }

  @AfterAll
  static void close() throws Exception {
    index.close();
  }

  @Test
  void ranksNameMatchesAboveColumnMatchesAndHighlights() throws Exception {
    SearchResults r = index.search(SearchQuery.keywords("taxi"));
    assertThat(r.hits()).extracting(SearchResults.Hit::id).containsExactly("taxi", "fares");
    assertThat(r.hits().get(0).score()).isGreaterThan(r.hits().get(1).score());
    assertThat(r.hits().get(0).highlights().get("name")).contains("<b>taxi</b>");
    assertThat(r.hits().get(1).highlights().get("columns")).contains("<b>taxi</b>");
    assertThat(r.total()).isEqualTo(2);
  }

  @Test
  void stemsAndFindsByDescriptionWords() throws Exception {
    SearchResults r = index.search(SearchQuery.keywords("observation"));
    assertThat(r.hits()).extracting(SearchResults.Hit::id).containsExactly("weather");
  }

  @Test
  void entriesCarryProfileFacts() throws Exception {
    DatasetEntry e = index.get("taxi").orElseThrow();
    assertThat(e.rows()).isEqualTo(3);
    assertThat(e.columns()).extracting(ColumnEntry::name)
        .containsExactly("pickup_time", "fare", "lat", "lon");
    assertThat(e.columns().get(0).kind()).isEqualTo(ColumnKind.TEMPORAL);
    assertThat(e.columns().get(0).sketch().hashes()).hasSize(3);
    assertThat(e.temporal().start()).isEqualTo(Instant.parse("2019-01-01T10:00:00Z"));
    assertThat(e.spatial().minLat()).isEqualTo(40.65);
    assertThat(e.formats()).contains("text/csv");
  }

  @Test
  void temporalFilterKeepsDatasetsOverlappingTheRange() throws Exception {
    SearchResults r = index.search(new SearchQuery("", null,
        Instant.parse("2019-03-01T00:00:00Z"), Instant.parse("2019-04-01T00:00:00Z"), null, 0, 10));
    assertThat(r.hits()).extracting(SearchResults.Hit::id).containsExactly("taxi");
    SearchResults open = index.search(new SearchQuery("", null,
        Instant.parse("2020-01-01T00:00:00Z"), null, null, 0, 10));
    assertThat(open.hits()).extracting(SearchResults.Hit::id)
        .containsExactlyInAnyOrder("weather", "pacific");
  }

  @Test
  void bboxFilterIntersectsCoverage() throws Exception {
    SearchResults nyc = index.search(new SearchQuery("", null, null, null,
        BoundingBox.parse("-74.3,40.5,-73.7,40.9"), 0, 10));
    assertThat(nyc.hits()).extracting(SearchResults.Hit::id).containsExactly("taxi");
    SearchResults europe = index.search(new SearchQuery("weather", null, null, null,
        BoundingBox.parse("-10,35,30,60"), 0, 10));
    assertThat(europe.hits()).extracting(SearchResults.Hit::id).containsExactly("weather");
    SearchResults nowhere = index.search(new SearchQuery("taxi", null, null, null,
        BoundingBox.parse("100,-10,110,0"), 0, 10));
    assertThat(nowhere.total()).isZero();
    // A query box across the antimeridian finds the survey near it.
    SearchResults fiji = index.search(new SearchQuery("", null, null, null,
        BoundingBox.parse("179,-18,-179,-16"), 0, 10));
    assertThat(fiji.hits()).extracting(SearchResults.Hit::id).containsExactly("pacific");
  }

  @Test
  void facetsCountAllMatchesAndFiltersNarrow() throws Exception {
    SearchResults r = index.search(SearchQuery.keywords("transport"));
    assertThat(r.facets().get("license"))
        .containsExactly(new SearchResults.FacetCount("CC-BY-4.0", 2));
    assertThat(r.facets().get("source"))
        .containsExactly(new SearchResults.FacetCount("portal-a", 2));
    SearchResults all = index.search(new SearchQuery("", Map.of("license", List.of("CC0-1.0")),
        null, null, null, 0, 10));
    assertThat(all.hits()).extracting(SearchResults.Hit::id)
        .containsExactlyInAnyOrder("weather", "pacific");
    assertThat(all.facets().get("format")).extracting(SearchResults.FacetCount::count)
        .containsExactly(2L);
    SearchResults typed = index.search(new SearchQuery("", Map.of("semantic_type",
        List.of("latitude")), null, null, null, 0, 10));
    assertThat(typed.total()).isEqualTo(3);
  }

  @Test
  void paginates() throws Exception {
    SearchResults first = index.search(SearchQuery.keywords("transport taxi").withPage(0, 1));
    SearchResults second = index.search(SearchQuery.keywords("transport taxi").withPage(1, 1));
    assertThat(first.total()).isEqualTo(2);
    assertThat(first.hits()).hasSize(1);
    assertThat(second.hits()).hasSize(1);
    assertThat(second.hits().get(0).id()).isNotEqualTo(first.hits().get(0).id());
  }

  @Test
  void deleteRemovesAndReindexReplaces() throws Exception {
    DatasetEntry e = index.get("fares").orElseThrow();
    index.upsert(e.withId("fares-copy"));
    assertThat(index.count()).isEqualTo(5);
    assertThat(index.delete("fares-copy")).isTrue();
    assertThat(index.delete("fares-copy")).isFalse();
    assertThat(index.get("fares-copy")).isEmpty();
    assertThat(index.count()).isEqualTo(4);
  }

  @Test
  void badQueriesAreRejectedWithReasons() {
    assertThatThrownBy(() -> SearchQuery.keywords("  ")).isInstanceOf(InvalidQueryException.class)
        .hasMessageContaining("empty query");
    assertThatThrownBy(() -> BoundingBox.parse("0,95,10,100"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("minLat 95.0");
    assertThatThrownBy(() -> BoundingBox.parse("0,10,10"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("expected minLon");
    assertThatThrownBy(() -> BoundingBox.parse("0,50,10,40"))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("above maxLat");
    assertThatThrownBy(() -> index.search(SearchQuery.keywords("the")))
        .isInstanceOf(InvalidQueryException.class).hasMessageContaining("no searchable words");
    assertThatThrownBy(() -> new SearchQuery("x", Map.of("color", List.of("red")), null, null,
        null, 0, 10)).isInstanceOf(InvalidQueryException.class);
  }
}
