package dev.quarry.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JoinUnionSearchTest {

  private static ColumnEntry keyColumn(String name, Set<String> values) {
    SketchBuilder b = new SketchBuilder();
    values.forEach(b::add);
    return new ColumnEntry(name, "t", ColumnKind.TEXT, "sc:Text", List.of(), values.size(), null,
        null, List.of(), b.build());
  }

  private static ColumnEntry column(String name, ColumnKind kind, Double min, Double max) {
    return new ColumnEntry(name, "t", kind, null, List.of(), 0, min, max, List.of(), null);
  }

  private static DatasetEntry dataset(String id, List<ColumnEntry> columns) {
    return new DatasetEntry(id, id, null, null, "test", null, null, "/data/" + id, 100, columns,
        null, null, null, null);
  }

  @Test
  void findsTheTableSharing60PercentOfTheKeyAmong200Distractors() throws Exception {
    Random random = new Random(42);
    Set<String> queryKeys = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      queryKeys.add("station-" + i);
    }
    List<String> shuffled = new ArrayList<>(queryKeys);
    java.util.Collections.shuffle(shuffled, random);
    Set<String> targetKeys = new HashSet<>(shuffled.subList(0, 1200)); // 60% of the query's keys
    for (int i = 0; i < 3000; i++) {
      targetKeys.add("other-" + i);
    }
    double truth = 1200.0 / 2000;
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
      List<DatasetEntry> entries = new ArrayList<>();
      for (int d = 0; d < 200; d++) {
        // Distractors: keys of their own, some sharing a few percent of the query's.
        Set<String> keys = new HashSet<>();
        int shared = random.nextInt(200);
        for (int i = 0; i < shared; i++) {
          keys.add(shuffled.get(random.nextInt(shuffled.size())));
        }
        int own = 500 + random.nextInt(3000);
        for (int i = 0; i < own; i++) {
          keys.add("d" + d + "-" + i);
        }
        entries.add(dataset("distractor-" + d, List.of(keyColumn("station_id", keys),
            column("reading", ColumnKind.FLOAT, 0.0, 1000.0 + d))));
      }
      entries.add(dataset("target", List.of(column("name", ColumnKind.TEXT, null, null),
          keyColumn("code", targetKeys))));
      index.upsertAll(entries);

      DatasetEntry query = dataset("query", List.of(keyColumn("station", queryKeys)));
      List<JoinHit> hits = index.joinSearch(query, 0.1, 10);
      assertThat(hits).isNotEmpty();
      JoinHit best = hits.get(0);
      assertThat(best.id()).isEqualTo("target");
      ColumnPair pair = best.pairs().get(0);
      assertThat(pair.queryColumn()).isEqualTo("station");
      assertThat(pair.column()).isEqualTo("code");
      assertThat(pair.match()).isEqualTo("values");
      assertThat(pair.score()).isCloseTo(truth, within(0.1));
      // Distractors share at most 10% of the query's keys: none reaches the 0.25 cut.
      assertThat(index.joinSearch(query, 0.25, 10)).extracting(JoinHit::id).containsExactly("target");
    }
  }

  @Test
  void containmentEstimatesTrackTheTruthAcrossSizes() {
    Random random = new Random(7);
    for (int trial = 0; trial < 20; trial++) {
      int n = 300 + random.nextInt(5000);
      int m = 300 + random.nextInt(20000);
      double c = random.nextDouble();
      SketchBuilder q = new SketchBuilder();
      SketchBuilder t = new SketchBuilder();
      int shared = (int) (c * n);
      for (int i = 0; i < n; i++) {
        q.add("v" + trial + "-" + i);
      }
      for (int i = 0; i < shared; i++) {
        t.add("v" + trial + "-" + i);
      }
      for (int i = 0; i < m; i++) {
        t.add("w" + trial + "-" + i);
      }
      double est = q.build().containmentIn(t.build());
      assertThat(est).as("n=%d m=%d c=%.2f", n, m, (double) shared / n)
          .isCloseTo((double) shared / n, within(0.2));
    }
  }

  @Test
  void numbersReadAsTextJoinNumbersReadAsNumbers() {
    assertThat(JoinKeys.normalize("42")).isEqualTo(JoinKeys.normalize(42L));
    assertThat(JoinKeys.normalize("42.0")).isEqualTo(JoinKeys.normalize(42.0));
    assertThat(JoinKeys.normalize(" Paris ")).isEqualTo(JoinKeys.normalize("paris"));
    assertThat(JoinKeys.normalize("007")).isNotEqualTo(JoinKeys.normalize(7L));
    assertThat(JoinKeys.normalize("")).isNull();
    assertThat(JoinKeys.normalize("2019-01-01 10:00:00"))
        .isEqualTo(JoinKeys.normalize(java.time.LocalDateTime.of(2019, 1, 1, 10, 0)))
        .isEqualTo(JoinKeys.normalize("2019-01-01T10:00"));
    assertThat(JoinKeys.normalize("2019-01-01 10:00:00.5"))
        .isEqualTo(JoinKeys.normalize(java.time.LocalDateTime.of(2019, 1, 1, 10, 0, 0, 500_000_000)));
  }

  @Test
  void rangeOverlapFindsNumericColumnsWithoutSharedValues() throws Exception {
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
      index.upsertAll(List.of(
          dataset("warm", List.of(column("temp", ColumnKind.FLOAT, 10.0, 30.0))),
          dataset("cold", List.of(column("temp", ColumnKind.FLOAT, -50.0, -20.0)))));
      List<JoinHit> hits = index.joinSearch(dataset("q", List.of(column("t", ColumnKind.FLOAT,
          15.0, 25.0))), 0.1, 10);
      assertThat(hits).extracting(JoinHit::id).containsExactly("warm");
      assertThat(hits.get(0).pairs().get(0).match()).isEqualTo("range");
      assertThat(hits.get(0).pairs().get(0).score()).isCloseTo(0.5, within(1e-9));
    }
  }

  @Test
  void privateEntriesAreSeenOnlyByTheirOwner() throws Exception {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      keys.add("k" + i);
    }
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
      DatasetEntry mine = new DatasetEntry("mine", "secret ledger", null, null, "upload", null, null,
          null, 1, List.of(keyColumn("account", keys)), null, null,
          java.util.Map.of(Viewer.OWNER, "u1", Viewer.VISIBILITY, Viewer.PRIVATE), null);
      DatasetEntry open = new DatasetEntry("open", "public ledger", null, null, "ckan", null, null,
          null, 1, List.of(keyColumn("account", keys)), null, null,
          java.util.Map.of(Viewer.OWNER, "u1", Viewer.VISIBILITY, Viewer.PUBLIC), null);
      index.upsertAll(List.of(mine, open));
      SearchQuery q = SearchQuery.keywords("ledger");
      assertThat(index.search(q, Viewer.user("u2", false)).hits()).extracting(SearchResults.Hit::id)
          .containsExactly("open");
      assertThat(index.search(q, Viewer.user("u1", false)).total()).isEqualTo(2);
      assertThat(index.search(q, Viewer.user("admin", true)).total()).isEqualTo(2);
      DatasetEntry query = dataset("q", List.of(keyColumn("Account", keys)));
      assertThat(index.joinSearch(query, 0.5, 10, Viewer.user("u2", false)))
          .extracting(JoinHit::id).containsExactly("open");
      assertThat(index.joinSearch(query, 0.5, 10, Viewer.user("u1", false))).hasSize(2);
      assertThat(index.unionSearch(query, 10, Viewer.user("u2", false)))
          .extracting(UnionHit::id).containsExactly("open");
    }
  }

  @Test
  void spatialOverlapNamesTheCoordinateColumns() throws Exception {
    ColumnEntry lat = new ColumnEntry("lat", "t", ColumnKind.FLOAT, null, List.of("latitude"), 0,
        null, null, List.of(), null);
    ColumnEntry lon = new ColumnEntry("lon", "t", ColumnKind.FLOAT, null, List.of("longitude"), 0,
        null, null, List.of(), null);
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
      index.upsertAll(List.of(
          new DatasetEntry("paris", "paris", null, null, null, null, null, null, 1, List.of(lat, lon),
              null, new BoundingBox(2.2, 48.8, 2.5, 48.9), null, null),
          new DatasetEntry("france", "france", null, null, null, null, null, null, 1, List.of(lat, lon),
              null, new BoundingBox(-5, 42, 8, 51), null, null),
          new DatasetEntry("tokyo", "tokyo", null, null, null, null, null, null, 1, List.of(lat, lon),
              null, new BoundingBox(139.5, 35.5, 140, 35.9), null, null)));
      DatasetEntry q = new DatasetEntry("q", "q", null, null, null, null, null, null, 1,
          List.of(lat, lon), null, new BoundingBox(2.25, 48.82, 2.45, 48.9), null, null);
      List<JoinHit> hits = index.joinSearch(q, 0.1, 10);
      assertThat(hits).extracting(JoinHit::id).containsExactly("paris", "france");
      assertThat(hits.get(0).pairs().get(0)).isEqualTo(new ColumnPair("lat, lon", "lat, lon", "t",
          "spatial", LuceneSearchIndex.boxOverlap(q.spatial(), new BoundingBox(2.2, 48.8, 2.5, 48.9))));
      assertThat(hits.get(0).score()).isGreaterThan(hits.get(1).score());
    }
  }

  @Test
  void unionFindsRenamedButMatchingColumns() throws Exception {
    try (LuceneSearchIndex index = LuceneSearchIndex.inMemory()) {
      index.upsertAll(List.of(
          dataset("renamed", List.of(column("CityName", ColumnKind.TEXT, null, null),
              column("pop", ColumnKind.INTEGER, null, null),
              column("AreaKm2", ColumnKind.FLOAT, null, null))),
          dataset("types-differ", List.of(column("city_name", ColumnKind.INTEGER, null, null),
              column("population", ColumnKind.TEXT, null, null))),
          dataset("partial", List.of(column("city", ColumnKind.TEXT, null, null),
              column("country", ColumnKind.TEXT, null, null),
              column("population_total", ColumnKind.INTEGER, null, null))),
          dataset("unrelated", List.of(column("species", ColumnKind.TEXT, null, null),
              column("weight", ColumnKind.FLOAT, null, null)))));
      DatasetEntry query = dataset("q", List.of(column("city_name", ColumnKind.TEXT, null, null),
          column("population", ColumnKind.INTEGER, null, null),
          column("area_km2", ColumnKind.FLOAT, null, null)));
      List<UnionHit> hits = index.unionSearch(query, 10);
      assertThat(hits).isNotEmpty();
      assertThat(hits.get(0).id()).isEqualTo("renamed");
      assertThat(hits.get(0).pairs()).extracting(ColumnPair::queryColumn, ColumnPair::column)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("city_name", "CityName"),
              org.assertj.core.groups.Tuple.tuple("population", "pop"),
              org.assertj.core.groups.Tuple.tuple("area_km2", "AreaKm2"));
      assertThat(hits).extracting(UnionHit::id).doesNotContain("unrelated", "types-differ");
      if (hits.size() > 1) {
        assertThat(hits.get(1).score()).isLessThan(hits.get(0).score());
      }
    }
  }
}
