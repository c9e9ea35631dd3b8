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
 * <p>The global step is {@link NearDuplicates}: in this JVM on the local engine (signatures held in
 * memory, 4 bytes × {@code num_permutations} per document), with shuffles on Spark (only the
 * similar pairs reach the driver). The clusters, and so the output, are the same either way.
 */
public final class FdedupTransform implements TransformSpec {

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
      int permutations, int shingle, long seed) implements Task<ArrayList<NearDuplicates.Signed>> {
    @Override
    public ArrayList<NearDuplicates.Signed> run(TaskContext context) throws IOException {
      MinHasher hasher = new MinHasher(permutations, shingle, seed);
      ArrayList<NearDuplicates.Signed> out = new ArrayList<>();
      forEachDoc(io, file, docColumn, idColumn, (id, text) -> out.add(new NearDuplicates.Signed(
          new NearDuplicates.Doc(key(id), index, text.length()), hasher.signature(text))));
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
    List<Task<ArrayList<NearDuplicates.Signed>>> signTasks = new ArrayList<>();
    List<Location> files = new ArrayList<>();
    for (int f = 0; f < inputs.size(); f++) {
      files.add(inputs.get(f).file().location());
      signTasks.add(new SignFile(f, files.get(f), context.io(), docColumn, idColumn, perms, shingle, seed));
    }
    FileIO io = context.io();
    NearDuplicates.ShingleTasks shingleTasks = wanted -> {
      List<Task<HashMap<Object, long[]>>> tasks = new ArrayList<>();
      wanted.forEach((f, ids) -> tasks.add(
          new ShingleFile(files.get(f), io, docColumn, idColumn, perms, shingle, seed, ids)));
      return tasks;
    };
    NearDuplicates.Result found = NearDuplicates.forEngine(context.engine()).find(context.engine(),
        new NearDuplicates.Plan(signTasks, shingleTasks, banding[0], banding[1], threshold));
    return removal(found.edges(), found.candidatePairs());
  }

  /**
   * Clusters are the connected components of the similar pairs; in each the longest document is
   * kept (on a tie, the smallest id) and the others are removed.
   */
  static Removal removal(List<NearDuplicates.Edge> edges, long candidatePairs) {
    Map<Object, Integer> index = new HashMap<>();
    List<NearDuplicates.Doc> docs = new ArrayList<>();
    for (NearDuplicates.Edge e : edges) {
      for (NearDuplicates.Doc d : new NearDuplicates.Doc[] {e.a(), e.b()}) {
        if (index.putIfAbsent(d.id(), docs.size()) == null) {
          docs.add(d);
        }
      }
    }
    int[] parent = new int[docs.size()];
    for (int i = 0; i < parent.length; i++) {
      parent[i] = i;
    }
    for (NearDuplicates.Edge e : edges) {
      int x = find(parent, index.get(e.a().id()));
      int y = find(parent, index.get(e.b().id()));
      if (x != y) {
        parent[x] = y;
      }
    }
    Map<Integer, Integer> keeper = new HashMap<>();
    for (int d = 0; d < docs.size(); d++) {
      int root = find(parent, d);
      Integer k = keeper.get(root);
      if (k == null || better(docs.get(d), docs.get(k))) {
        keeper.put(root, d);
      }
    }
    HashSet<Object> removed = new HashSet<>();
    for (int d = 0; d < docs.size(); d++) {
      if (keeper.get(find(parent, d)) != d) {
        removed.add(docs.get(d).id());
      }
    }
    return new Removal(removed, keeper.size(), removed.size(), candidatePairs);
  }

  /** Longer wins; on equal length the smaller id. */
  private static boolean better(NearDuplicates.Doc a, NearDuplicates.Doc b) {
    if (a.length() != b.length()) {
      return a.length() > b.length();
    }
    return compareIds(a.id(), b.id()) < 0;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compareIds(Object a, Object b) {
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
