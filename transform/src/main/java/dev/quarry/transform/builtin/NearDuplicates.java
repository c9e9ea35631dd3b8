package dev.quarry.transform.builtin;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.Task;
import dev.quarry.transform.spi.PrePass;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * {@code fdedup}'s global step: from every document's MinHash signature, the pairs of documents
 * whose signatures share an LSH bucket and whose exact Jaccard similarity of shingles reaches the
 * threshold. On the local engine the signatures meet in this JVM; other engines plug in their own
 * way through {@link Provider} (the Spark engine buckets and verifies with shuffles, and only the
 * similar pairs reach the driver).
 *
 * <p>Both ways make the same pairs: bucket members are taken in (file, id) order, so the star a
 * huge bucket becomes has the same centre everywhere.
 */
public interface NearDuplicates {

  /** A document as clustering sees it: its id (unique in the job), its file, its text length. */
  record Doc(Object id, int file, int length) implements Serializable {}

  /** A document and its signature, from the first pass. */
  record Signed(Doc doc, int[] signature) implements Serializable {}

  /** Two documents found similar enough. */
  record Edge(Doc a, Doc b) implements Serializable {}

  /** Makes the second-pass tasks: the shingles of the wanted documents, by id, file by file. */
  @FunctionalInterface
  interface ShingleTasks extends Serializable {
    List<Task<HashMap<Object, long[]>>> forWanted(Map<Integer, HashSet<Object>> wantedByFile);
  }

  /** What the step needs: the signing tasks (one per file), the shingle tasks, the banding. */
  record Plan(List<Task<ArrayList<Signed>>> sign, ShingleTasks shingles, int bands, int rows,
      double threshold) implements Serializable {}

  /** The similar pairs, and how many candidate pairs the buckets gave (for the report). */
  record Result(List<Edge> edges, long candidatePairs) {}

  /** Buckets with more members than this give a star around their first member, not every pair. */
  int ALL_PAIRS_UP_TO = 64;

  Result find(Engine engine, Plan plan) throws IOException;

  /** Lets an engine bring its own implementation. */
  interface Provider {
    /** The implementation for {@code engine}, or null if this provider does not know it. */
    NearDuplicates forEngine(Engine engine);
  }

  static NearDuplicates forEngine(Engine engine) {
    for (Provider p : ServiceLoader.load(Provider.class, NearDuplicates.class.getClassLoader())) {
      NearDuplicates found = p.forEngine(engine);
      if (found != null) {
        return found;
      }
    }
    return new InJvm();
  }

  /** Exact Jaccard similarity of two sorted shingle sets. */
  static double jaccard(long[] x, long[] y) {
    return MinHasher.jaccard(x, y);
  }

  /** The order bucket members are taken in: by file, then id. */
  static int compare(Doc a, Doc b) {
    int byFile = Integer.compare(a.file(), b.file());
    return byFile != 0 ? byFile : FdedupTransform.compareIds(a.id(), b.id());
  }

  /** Signature values of one band. */
  static int[] band(int[] signature, int band, int rows) {
    return Arrays.copyOfRange(signature, band * rows, (band + 1) * rows);
  }

  /** The candidate pairs of one bucket, whose members are in (file, id) order. */
  static void pairsOf(List<Doc> bucket, java.util.function.BiConsumer<Doc, Doc> out) {
    int firsts = bucket.size() <= ALL_PAIRS_UP_TO ? bucket.size() : 1;
    for (int i = 0; i < firsts; i++) {
      for (int j = i + 1; j < bucket.size(); j++) {
        out.accept(bucket.get(i), bucket.get(j));
      }
    }
  }

  /** Everything in this JVM: signatures, buckets and shingles of the candidates. */
  final class InJvm implements NearDuplicates {
    private static final String STEP = "fdedup: reading";

    @Override
    public Result find(Engine engine, Plan plan) throws IOException {
      List<Signed> docs = new ArrayList<>();
      PrePass.results(engine, plan.sign(), STEP).forEach(docs::addAll);
      docs.sort((x, y) -> compare(x.doc(), y.doc()));
      // candidate pairs as (i, j) positions, i < j, each once
      HashSet<Long> seen = new HashSet<>();
      List<int[]> pairs = new ArrayList<>();
      Map<Object, Integer> position = new HashMap<>();
      for (int d = 0; d < docs.size(); d++) {
        position.put(docs.get(d).doc().id(), d);
      }
      for (int b = 0; b < plan.bands(); b++) {
        Map<BandKey, List<Doc>> buckets = new HashMap<>();
        for (Signed s : docs) {
          buckets.computeIfAbsent(new BandKey(band(s.signature(), b, plan.rows())), k -> new ArrayList<>())
              .add(s.doc());
        }
        for (List<Doc> bucket : buckets.values()) {
          pairsOf(bucket, (x, y) -> {
            int i = position.get(x.id());
            int j = position.get(y.id());
            if (seen.add((long) Math.min(i, j) * docs.size() + Math.max(i, j))) {
              pairs.add(new int[] {Math.min(i, j), Math.max(i, j)});
            }
          });
        }
      }
      Map<Integer, HashSet<Object>> wanted = new HashMap<>();
      for (int[] p : pairs) {
        for (int d : p) {
          Doc doc = docs.get(d).doc();
          wanted.computeIfAbsent(doc.file(), f -> new HashSet<>()).add(doc.id());
        }
      }
      Map<Object, long[]> shingles = new HashMap<>();
      if (!wanted.isEmpty()) {
        PrePass.results(engine, plan.shingles().forWanted(wanted), STEP).forEach(shingles::putAll);
      }
      List<Edge> edges = new ArrayList<>();
      for (int[] p : pairs) {
        Doc a = docs.get(p[0]).doc();
        Doc b = docs.get(p[1]).doc();
        long[] sa = shingles.get(a.id());
        long[] sb = shingles.get(b.id());
        if (sa != null && sb != null && jaccard(sa, sb) >= plan.threshold()) {
          edges.add(new Edge(a, b));
        }
      }
      return new Result(edges, pairs.size());
    }
  }

  /** A band's values as a hash key. */
  record BandKey(int[] values) implements Serializable {
    @Override
    public boolean equals(Object o) {
      return o instanceof BandKey k && Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(values);
    }
  }
}
