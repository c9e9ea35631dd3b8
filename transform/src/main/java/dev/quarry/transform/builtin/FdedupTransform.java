package dev.quarry.transform.builtin;

import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.ParamType;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.PrepareContext;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import dev.quarry.transform.spi.TransformSpec;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuzzy deduplication with MinHash and LSH, in two phases. Before the workers start, a pre-pass on
 * the engine (one task per file) computes every document's MinHash signature of word shingles.
 * The driver buckets documents by each band of their signature; two documents sharing a bucket
 * are candidates. A second pass reads the shingles of the candidate documents only, and a pair is
 * linked when their exact Jaccard similarity reaches {@code jaccard_threshold}, so the estimate's
 * noise can neither add nor lose a pair. Connected components are the clusters; in each the
 * longest document is kept (on a tie, the smallest id) and the others are removed. The workers
 * then drop the removed ids from their files.
 *
 * <p>Unless given, the banding is derived from the threshold so that a pair at the threshold
 * becomes a candidate with probability at least 0.99 (false candidates only cost a verification):
 * the most rows per band for which {@code 1 - (1 - t^r)^b >= 0.99}, with {@code b = perms / r}.
 *
 * <p>Signatures are held in the driver's memory (4 bytes × {@code num_permutations} per document);
 * the Spark engine will distribute this step.
 */
public final class FdedupTransform implements TransformSpec {

  /** What a document contributes to clustering. */
  record DocSig(Object id, int file, int length, int[] signature) implements Serializable {}

  /** Ids of the documents to remove, and counts for the report. */
  record Removal(HashSet<Object> ids, long clusters, long documents, long candidatePairs)
      implements Serializable {}

  @Override
  public String name() {
    return "fdedup";
  }

  @Override
  public String description() {
    return "removes near-duplicate documents (MinHash + LSH at a Jaccard threshold) across all files";
  }

  @Override
  public List<Param> params() {
    java.util.function.Function<Object, String> positive =
        v -> ((Number) v).doubleValue() <= 0 ? "must be positive" : null;
    return List.of(
        Param.of("doc_column", ParamType.STRING, "contents", "column holding the document text"),
        Param.of("doc_id_column", ParamType.STRING, "int_id_column", "column with a unique document id"),
        Param.of("jaccard_threshold", ParamType.FLOAT, 0.75, "similarity above which documents are duplicates")
            .withCheck(v -> ((Number) v).doubleValue() <= 0 || ((Number) v).doubleValue() > 1
                ? "must be in (0, 1]" : null),
        Param.of("num_permutations", ParamType.INT, 112L, "MinHash permutations").withCheck(positive),
        Param.optional("num_bands", ParamType.INT, "LSH bands (default: derived from the threshold)")
            .withCheck(positive),
        Param.optional("num_minhashes_per_band", ParamType.INT,
            "signature values per band (default: derived from the threshold)").withCheck(positive),
        Param.of("word_shingle_size", ParamType.INT, 5L, "words per shingle").withCheck(positive),
        Param.of("seed", ParamType.INT, 42L, "seed of the MinHash permutations"));
  }

  @Override
  public void validate(Params p) {
    if (p.has("num_bands") != p.has("num_minhashes_per_band")) {
      throw new IllegalArgumentException("num_bands: give both num_bands and num_minhashes_per_band, or neither");
    }
    if (p.has("num_bands")
        && p.integer("num_bands") * p.integer("num_minhashes_per_band") > p.integer("num_permutations")) {
      throw new IllegalArgumentException(
          "num_bands: num_bands × num_minhashes_per_band must not exceed num_permutations");
    }
  }

  /** {bands, rows} for a threshold: the most rows per band that still finds 99% of pairs at it. */
  static int[] banding(int permutations, double threshold) {
    for (int r = permutations; r >= 1; r--) {
      int b = permutations / r;
      if (1 - Math.pow(1 - Math.pow(threshold, r), b) >= 0.99) {
        return new int[] {b, r};
      }
    }
    return new int[] {permutations, 1};
  }

  /** Pre-pass 1 over one file: the signature of each document. */
  private record SignFile(int index, Location file, FileIO io, String docColumn, String idColumn,
      int permutations, int shingle, long seed) implements Task<ArrayList<DocSig>> {
    @Override
    public ArrayList<DocSig> run(TaskContext context) throws IOException {
      MinHasher hasher = new MinHasher(permutations, shingle, seed);
      ArrayList<DocSig> out = new ArrayList<>();
      forEachDoc(io, file, docColumn, idColumn, (id, text) ->
          out.add(new DocSig(key(id), index, text.length(), hasher.signature(text))));
      return out;
    }

    @Override
    public String describe() {
      return file.name();
    }
  }

  /** Pre-pass 2 over one file: the shingles of the candidate documents in it. */
  private record ShingleFile(Location file, FileIO io, String docColumn, String idColumn,
      int permutations, int shingle, long seed, HashSet<Object> wanted)
      implements Task<HashMap<Object, long[]>> {
    @Override
    public HashMap<Object, long[]> run(TaskContext context) throws IOException {
      MinHasher hasher = new MinHasher(permutations, shingle, seed);
      HashMap<Object, long[]> out = new HashMap<>();
      forEachDoc(io, file, docColumn, idColumn, (id, text) -> {
        if (wanted.contains(key(id))) {
          out.put(key(id), hasher.shingles(text));
        }
      });
      return out;
    }

    @Override
    public String describe() {
      return file.name();
    }
  }

  private static void forEachDoc(FileIO io, Location file, String docColumn, String idColumn,
      java.util.function.BiConsumer<Object, String> action) throws IOException {
    ParquetTable table = ParquetTable.open(io.newInputFile(file));
    int doc = table.schema().indexOf(docColumn);
    int id = table.schema().indexOf(idColumn);
    if (doc < 0 || id < 0) {
      throw new dev.quarry.transform.spi.Batch.MissingColumnException(doc < 0 ? docColumn : idColumn, table.schema());
    }
    try (RecordReader r = table.open()) {
      for (Object[] row = r.next(); row != null; row = r.next()) {
        String text = Texts.text(row[doc], docColumn);
        if (text != null && row[id] != null) {
          action.accept(row[id], text);
        }
      }
    }
  }

  @Override
  public Serializable prepare(PrepareContext context) throws Exception {
    Params p = context.params();
    int perms = (int) p.integer("num_permutations");
    int shingle = (int) p.integer("word_shingle_size");
    long seed = p.integer("seed");
    double threshold = p.number("jaccard_threshold");
    int[] banding = p.has("num_bands")
        ? new int[] {(int) p.integer("num_bands"), (int) p.integer("num_minhashes_per_band")}
        : banding(perms, threshold);
    String docColumn = p.string("doc_column");
    String idColumn = p.string("doc_id_column");
    List<PrepareContext.Source> inputs = context.inputs();

    // both columns must be everywhere: the clustering is global, so one file without them fails the job
    for (PrepareContext.Source s : inputs) {
      dev.quarry.core.formats.Schema schema = ParquetTable.open(s.file()).schema();
      for (String[] column : new String[][] {{"doc_column", docColumn}, {"doc_id_column", idColumn}}) {
        if (schema.indexOf(column[1]) < 0) {
          throw new dev.quarry.transform.run.InvalidJobException(column[0], "no column '" + column[1] + "' in "
              + s.relPath() + " (columns: " + String.join(", ",
                  schema.columns().stream().map(dev.quarry.core.formats.Column::name).toList()) + ")");
        }
      }
    }
    List<SignFile> signTasks = new ArrayList<>();
    for (int f = 0; f < inputs.size(); f++) {
      signTasks.add(new SignFile(f, inputs.get(f).file().location(), context.io(), docColumn, idColumn,
          perms, shingle, seed));
    }
    List<DocSig> docs = runAll(context, signTasks, (x, y) -> {
      x.addAll(y);
      return x;
    }).orElseGet(ArrayList::new);

    List<long[]> pairs = candidatePairs(docs, banding[0], banding[1]);
    List<HashSet<Object>> wanted = new ArrayList<>();
    for (int f = 0; f < inputs.size(); f++) {
      wanted.add(new HashSet<>());
    }
    for (long[] pair : pairs) {
      for (long d : pair) {
        wanted.get(docs.get((int) d).file()).add(docs.get((int) d).id());
      }
    }
    List<ShingleFile> shingleTasks = new ArrayList<>();
    for (int f = 0; f < inputs.size(); f++) {
      if (!wanted.get(f).isEmpty()) {
        shingleTasks.add(new ShingleFile(inputs.get(f).file().location(), context.io(), docColumn, idColumn,
            perms, shingle, seed, wanted.get(f)));
      }
    }
    Map<Object, long[]> shingles = shingleTasks.isEmpty() ? Map.of() : runAll(context, shingleTasks, (x, y) -> {
      x.putAll(y);
      return x;
    }).orElseGet(HashMap::new);
    return clusters(docs, pairs, shingles, threshold);
  }

  private static <R extends Serializable> java.util.Optional<R> runAll(
      PrepareContext context, List<? extends Task<R>> tasks, dev.quarry.core.engine.Merge<R> merge) throws IOException {
    RunResult<R> result = context.engine().run(tasks, merge, RunOptions.defaults().withMaxAttempts(1));
    if (!result.failures().isEmpty()) {
      throw new IOException("fdedup: reading " + result.failures().get(0).task() + " failed: "
          + result.failures().get(0).error());
    }
    return result.merged();
  }

  /** Pairs of documents (indexes, smaller first) that share a bucket in some band. */
  static List<long[]> candidatePairs(List<DocSig> docs, int bands, int rows) {
    java.util.Set<Long> seen = new HashSet<>();
    List<long[]> pairs = new ArrayList<>();
    for (int band = 0; band < bands; band++) {
      Map<BandKey, List<Integer>> buckets = new HashMap<>();
      for (int d = 0; d < docs.size(); d++) {
        int[] sig = docs.get(d).signature();
        buckets.computeIfAbsent(new BandKey(java.util.Arrays.copyOfRange(sig, band * rows, (band + 1) * rows)),
            k -> new ArrayList<>()).add(d);
      }
      for (List<Integer> bucket : buckets.values()) {
        // every pair in small buckets; in a huge one, each document against the first (a star)
        int firsts = bucket.size() <= 64 ? bucket.size() : 1;
        for (int i = 0; i < firsts; i++) {
          for (int j = i + 1; j < bucket.size(); j++) {
            long x = Math.min(bucket.get(i), bucket.get(j));
            long y = Math.max(bucket.get(i), bucket.get(j));
            if (seen.add(x * docs.size() + y)) {
              pairs.add(new long[] {x, y});
            }
          }
        }
      }
    }
    return pairs;
  }

  static Removal clusters(List<DocSig> docs, List<long[]> pairs, Map<Object, long[]> shingles, double threshold) {
    int n = docs.size();
    int[] parent = new int[n];
    for (int i = 0; i < n; i++) {
      parent[i] = i;
    }
    for (long[] pair : pairs) {
      int x = (int) pair[0];
      int y = (int) pair[1];
      long[] sx = shingles.get(docs.get(x).id());
      long[] sy = shingles.get(docs.get(y).id());
      if (sx != null && sy != null && find(parent, x) != find(parent, y)
          && MinHasher.jaccard(sx, sy) >= threshold) {
        parent[find(parent, x)] = find(parent, y);
      }
    }
    Map<Integer, Integer> keeper = new HashMap<>();
    Map<Integer, Integer> sizes = new HashMap<>();
    for (int d = 0; d < n; d++) {
      int root = find(parent, d);
      sizes.merge(root, 1, Integer::sum);
      Integer k = keeper.get(root);
      if (k == null || better(docs.get(d), docs.get(k))) {
        keeper.put(root, d);
      }
    }
    HashSet<Object> removed = new HashSet<>();
    for (int d = 0; d < n; d++) {
      if (keeper.get(find(parent, d)) != d) {
        removed.add(docs.get(d).id());
      }
    }
    long clusters = sizes.values().stream().filter(s -> s > 1).count();
    return new Removal(removed, clusters, removed.size(), pairs.size());
  }

  /** Longer wins; on equal length the smaller id. */
  private static boolean better(DocSig a, DocSig b) {
    if (a.length() != b.length()) {
      return a.length() > b.length();
    }
    return compareIds(a.id(), b.id()) < 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareIds(Object a, Object b) {
    if (a instanceof Comparable ca && a.getClass() == b.getClass()) {
      return ca.compareTo(b);
    }
    return a.toString().compareTo(b.toString());
  }

  /** Ids compare by value across integer widths. */
  private static Object key(Object id) {
    return id instanceof Number n && !(id instanceof Double) ? (Object) n.longValue() : id;
  }

  private static int find(int[] parent, int x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  }

  private record BandKey(int[] values) {
    @Override
    public boolean equals(Object o) {
      return o instanceof BandKey k && java.util.Arrays.equals(values, k.values);
    }

    @Override
    public int hashCode() {
      return java.util.Arrays.hashCode(values);
    }
  }

  @Override
  public TableTransform create(Params params, Serializable shared) {
    Set<Object> removed = ((Removal) shared).ids();
    String idColumn = params.string("doc_id_column");
    return (batch, file) -> {
      int id = batch.require(idColumn);
      List<Object[]> kept = new ArrayList<>(batch.size());
      for (Object[] row : batch.rows()) {
        if (row[id] == null || !removed.contains(key(row[id]))) {
          kept.add(row);
        }
      }
      return TransformResult.of(batch.withRows(kept), Map.of("removed_docs", (long) (batch.size() - kept.size())));
    };
  }

  @Override
  public Map<String, Object> statistics(Serializable shared) {
    Removal r = (Removal) shared;
    return Map.of("duplicate_clusters", r.clusters(), "docs_to_remove", r.documents(),
        "candidate_pairs", r.candidatePairs());
  }
}
