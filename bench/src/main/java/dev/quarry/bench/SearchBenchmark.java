package dev.quarry.bench;

import dev.quarry.search.BoundingBox;
import dev.quarry.search.ColumnEntry;
import dev.quarry.search.ColumnKind;
import dev.quarry.search.ColumnPair;
import dev.quarry.search.DatasetEntry;
import dev.quarry.search.JoinHit;
import dev.quarry.search.LuceneSearchIndex;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.SketchBuilder;
import dev.quarry.search.TimeRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The catalog index at scale: indexes N synthetic dataset profiles (names, descriptions, keywords,
 * licenses, coverage, and a key column whose values are sketched as the service sketches real
 * columns), then measures keyword and join search latency (p50/p99) and the recall of join search
 * against exact containment computed by brute force over every column in the same run.
 *
 * <p>Key columns draw their values from shared domains (2,000 domains of 20,000 values): column
 * {@code i} holds the values {@code [start, start + n)} of its domain, so the exact containment of
 * one column in another is the overlap of their ranges, computed exactly for every pair. The values'
 * hashes are independent of that order, so the sketches see nothing of the structure.
 *
 * <pre>bench/search.sh --datasets=100000 --queries=200</pre>
 */
public final class SearchBenchmark {

  private static final String[] WORDS = ("air quality traffic weather rainfall temperature census "
      + "population income housing crime health hospital school education energy electricity water "
      + "river lake ocean fish forest tree species bird election vote budget tax trade export import "
      + "transport bus train bike taxi flight airport port shipping road accident noise pollution "
      + "emission carbon climate glacier snow drought flood fire earthquake volcano soil crop farm "
      + "wheat rice coffee price market stock company employment wage labor migration tourism hotel "
      + "museum library park recreation sport football marathon covid vaccine disease mortality birth")
      .split(" ");
  private static final String[] LICENSES = {"CC-BY-4.0", "CC0-1.0", "ODbL-1.0", "MIT", "proprietary"};
  private static final String[] SOURCES = {"ckan:city", "socrata:state", "zenodo", "upload", "api",
      "folder:lake", "s3:archive", "urls:partners"};
  private static final int DOMAINS = 2_000;
  private static final int DOMAIN_SIZE = 20_000;

  private record KeyColumn(int domain, int start, int size) {}

  public static void main(String[] args) throws Exception {
    int datasets = 100_000;
    int queries = 200;
    long seed = 7;
    for (String a : args) {
      if (a.startsWith("--datasets=")) {
        datasets = Integer.parseInt(a.substring(11));
      } else if (a.startsWith("--queries=")) {
        queries = Integer.parseInt(a.substring(10));
      } else if (a.startsWith("--seed=")) {
        seed = Long.parseLong(a.substring(7));
      } else {
        throw new IllegalArgumentException("unknown argument " + a
            + " (expected --datasets=N --queries=N --seed=N)");
      }
    }
    Random random = new Random(seed);
    Path dir = Files.createTempDirectory("quarry-search-bench-");
    KeyColumn[] keys = new KeyColumn[datasets];
    try (LuceneSearchIndex index = LuceneSearchIndex.open(dir)) {
      long t0 = System.nanoTime();
      for (int i = 0; i < datasets; i++) {
        keys[i] = keyColumn(random);
        index.add(entry(i, keys[i], random));
      }
      index.flush();
      double indexSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "indexed %,d dataset profiles in %.1f s (%.0f/s), index %.0f MB%n",
          datasets, indexSeconds, datasets / indexSeconds, size(dir) / 1e6);

      // Warm-up (JIT, caches): not measured.
      for (int w = 0; w < 50; w++) {
        index.search(SearchQuery.keywords(WORDS[w % WORDS.length]));
        KeyColumn k = keys[random.nextInt(datasets)];
        index.joinSearch(new DatasetEntry("warm-" + w, "warm", null, null, null, null, null, null, 0,
            List.of(column("key", k)), null, null, null, null), 0.3, 100);
      }

      // Keyword search: one to three words, sometimes with a license filter and a time range.
      long[] kw = new long[queries];
      long totalHits = 0;
      for (int q = 0; q < queries; q++) {
        StringBuilder words = new StringBuilder();
        for (int w = 0, n = 1 + random.nextInt(3); w < n; w++) {
          words.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        SearchQuery query = SearchQuery.keywords(words.toString());
        if (q % 3 == 0) {
          query = query.withFilter("license", LICENSES[random.nextInt(LICENSES.length)]);
        }
        if (q % 4 == 0) {
          query = query.withTime(Instant.parse("2015-01-01T00:00:00Z"), Instant.parse("2018-01-01T00:00:00Z"));
        }
        long s = System.nanoTime();
        totalHits += index.search(query).total();
        kw[q] = System.nanoTime() - s;
      }
      System.out.printf(Locale.ROOT, "keyword search: p50 %.2f ms, p99 %.2f ms (%d queries, %.0f hits each on average)%n",
          pct(kw, 50), pct(kw, 99), queries, (double) totalHits / queries);

      // Join search, and recall against exact containment over every column (brute force).
      long[] join = new long[queries];
      long[] brute = new long[queries];
      int relevant = 0;
      int found = 0;
      double maxError = 0;
      double sumError = 0;
      int estimates = 0;
      for (int q = 0; q < queries; q++) {
        int qi = random.nextInt(datasets);
        DatasetEntry query = new DatasetEntry("query-" + q, "query", null, null, null, null, null,
            null, 0, List.of(column("key", keys[qi])), null, null, null, null);
        long s = System.nanoTime();
        List<JoinHit> hits = index.joinSearch(query, 0.3, 1000);
        join[q] = System.nanoTime() - s;

        s = System.nanoTime();
        Set<String> truth = new HashSet<>();
        double[] exact = new double[datasets];
        for (int i = 0; i < datasets; i++) {
          exact[i] = containment(keys[qi], keys[i]);
          if (exact[i] >= 0.5) {
            truth.add("ds-" + i);
          }
        }
        brute[q] = System.nanoTime() - s;
        Set<String> returned = new HashSet<>();
        for (JoinHit h : hits) {
          returned.add(h.id());
          ColumnPair p = h.pairs().get(0);
          int i = Integer.parseInt(h.id().substring(3));
          double err = Math.abs(p.score() - exact[i]);
          maxError = Math.max(maxError, err);
          sumError += err;
          estimates++;
        }
        relevant += truth.size();
        for (String t : truth) {
          if (returned.contains(t)) {
            found++;
          }
        }
      }
      double recall = relevant == 0 ? 1 : (double) found / relevant;
      System.out.printf(Locale.ROOT, "join search: p50 %.2f ms, p99 %.2f ms (%d queries)%n",
          pct(join, 50), pct(join, 99), queries);
      System.out.printf(Locale.ROOT, "brute-force exact containment over all %,d columns: p50 %.2f ms per query%n",
          datasets, pct(brute, 50));
      System.out.printf(Locale.ROOT, "join recall at containment >= 0.5: %.3f (%d of %d), target >= 0.9%n",
          recall, found, relevant);
      System.out.printf(Locale.ROOT, "containment estimate error: mean %.3f, max %.3f over %d returned pairs%n",
          estimates == 0 ? 0 : sumError / estimates, maxError, estimates);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }

  /** Sizes spread log-uniformly from 100 to 5,000 values; starts anywhere in the domain. */
  private static KeyColumn keyColumn(Random random) {
    int size = (int) Math.round(Math.exp(Math.log(100) + random.nextDouble() * Math.log(50)));
    int domain = random.nextInt(DOMAINS);
    int start = random.nextInt(DOMAIN_SIZE - size);
    return new KeyColumn(domain, start, size);
  }

  private static double containment(KeyColumn q, KeyColumn x) {
    if (q.domain != x.domain) {
      return 0;
    }
    int lo = Math.max(q.start, x.start);
    int hi = Math.min(q.start + q.size, x.start + x.size);
    return hi <= lo ? 0 : (double) (hi - lo) / q.size;
  }

  private static ColumnEntry column(String name, KeyColumn k) {
    SketchBuilder b = new SketchBuilder();
    for (int v = k.start; v < k.start + k.size; v++) {
      b.add("d" + k.domain + "-" + v);
    }
    return new ColumnEntry(name, "t", ColumnKind.TEXT, "sc:Text", List.of("identifier"), k.size, null,
        null, List.of("d" + k.domain + "-" + k.start), b.build());
  }

  private static DatasetEntry entry(int i, KeyColumn key, Random random) {
    List<String> words = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      words.add(WORDS[random.nextInt(WORDS.length)]);
    }
    String name = String.join(" ", words.subList(0, 2)) + " " + i;
    String description = "Records of " + String.join(", ", words) + " collected by agency "
        + random.nextInt(500) + ".";
    Instant start = Instant.parse("2000-01-01T00:00:00Z").plusSeconds(random.nextInt(24 * 365) * 86_400L);
    Instant end = start.plusSeconds(86_400L * (1 + random.nextInt(3000)));
    double lon = -170 + random.nextDouble() * 330;
    double lat = -80 + random.nextDouble() * 150;
    double min = random.nextDouble() * 100;
    ColumnEntry value = new ColumnEntry("value", "t", ColumnKind.FLOAT, "sc:Float", List.of(),
        key.size, min, min + random.nextDouble() * 1000, List.of(), null);
    return new DatasetEntry("ds-" + i, name, description, words.subList(2, 4),
        SOURCES[random.nextInt(SOURCES.length)], LICENSES[random.nextInt(LICENSES.length)],
        List.of(i % 3 == 0 ? "application/vnd.apache.parquet" : "text/csv"), "s3://bench/" + i,
        key.size, List.of(column(words.get(0) + "_id", key), value),
        new TimeRange(start, end, "day"),
        new BoundingBox(lon, lat, Math.min(180, lon + random.nextDouble() * 5),
            Math.min(90, lat + random.nextDouble() * 5)), null, Instant.EPOCH);
  }

  private static double pct(long[] nanos, int p) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    int idx = (int) Math.ceil(p / 100.0 * s.length) - 1;
    return s[Math.max(0, Math.min(s.length - 1, idx))] / 1e6;
  }

  private static long size(Path dir) throws java.io.IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }
}
