package dev.quarry.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.DoubleRange;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongRange;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.Facets;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.sortedset.DefaultSortedSetDocValuesReaderState;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetCounts;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesReaderState;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog index in an embedded Lucene directory. Each dataset is a block of documents replaced
 * as one: a dataset document (text fields, facets, temporal range, bounding box, the entry as JSON)
 * and one document per column (its sketch hashes as terms, its theta, its name words, its range).
 *
 * <p>Join search walks the posting lists of the query column's sketch hashes, counting per column
 * how many it shares, so only columns sharing a value are ever looked at; each count is turned into
 * a containment estimate with the column's theta.
 */
public final class LuceneSearchIndex implements SearchIndex {

  private static final String DOC = "doc";
  private static final String DATASET = "dataset";
  private static final String COLUMN = "column";
  private static final String ID = "id";
  private static final String ENTRY = "entry";
  private static final String HASH = "jh";
  private static final String THETA = "theta";
  private static final String COLUMN_INDEX = "ci";
  private static final String COLUMN_WORDS = "cname";
  private static final String COLUMN_KIND = "kind";
  private static final String COLUMN_RANGE = "crange";
  private static final String TIME = "time";
  private static final String BBOX = "bbox";
  private static final String FILTER_PREFIX = "f.";
  private static final String AUDIENCE = "audience";

  /** Text fields searched by keywords, and how much a match in each counts. */
  private static final Map<String, Float> WEIGHTS = Map.of(
      "name", 4f, "name_words", 3f, "keywords", 2.5f, "description", 1.5f, "columns", 1.5f, "semantic", 1f,
      "source", 1f, "samples", 0.5f);
  private static final String[] HIGHLIGHTED = {"name", "description", "keywords", "columns"};

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Directory directory;
  private final Analyzer analyzer;
  private final IndexWriter writer;
  private final SearcherManager searchers;
  private final FacetsConfig facets = new FacetsConfig();
  private volatile FacetState facetState;

  private record FacetState(IndexReader reader, SortedSetDocValuesReaderState state) {}

  private LuceneSearchIndex(Directory directory) throws IOException {
    this.directory = directory;
    Map<String, Analyzer> perField = new HashMap<>();
    perField.put(COLUMN_WORDS, new StandardAnalyzer());
    this.analyzer = new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), perField);
    this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
        .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
        .setRAMBufferSizeMB(64));
    this.searchers = new SearcherManager(writer, null);
    facets.setMultiValued("format", true);
    facets.setMultiValued("semantic_type", true);
  }

  /** An index kept in a folder (created if missing), surviving restarts. */
  public static LuceneSearchIndex open(Path folder) throws IOException {
    return new LuceneSearchIndex(FSDirectory.open(folder));
  }

  /** An index in memory (tests, one-off CLI searches). */
  public static LuceneSearchIndex inMemory() throws IOException {
    return new LuceneSearchIndex(new ByteBuffersDirectory());
  }

  @Override
  public void upsert(DatasetEntry entry) throws IOException {
    upsertAll(List.of(entry));
  }

  @Override
  public void upsertAll(List<DatasetEntry> entries) throws IOException {
    for (DatasetEntry e : entries) {
      writer.updateDocuments(new Term(ID, e.id()), documents(e));
    }
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  /** Adds entries without committing or refreshing: for bulk loads, followed by {@link #flush}. */
  public void add(DatasetEntry entry) throws IOException {
    writer.updateDocuments(new Term(ID, entry.id()), documents(entry));
  }

  /** Commits and makes everything added visible. */
  public void flush() throws IOException {
    writer.commit();
    searchers.maybeRefreshBlocking();
  }

  @Override
  public boolean delete(String id) throws IOException {
    boolean existed = get(id).isPresent();
    writer.deleteDocuments(new Term(ID, id));
    writer.commit();
    searchers.maybeRefreshBlocking();
    return existed;
  }

  @Override
  public Optional<DatasetEntry> get(String id) throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      TopDocs td = s.search(datasetDoc(id), 1);
      if (td.scoreDocs.length == 0) {
        return Optional.empty();
      }
      return Optional.of(entry(s, td.scoreDocs[0].doc));
    } finally {
      searchers.release(s);
    }
  }

  @Override
  public long count() throws IOException {
    IndexSearcher s = searchers.acquire();
    try {
      return s.count(new TermQuery(new Term(DOC, DATASET)));
    } finally {
      searchers.release(s);
    }
  }

  // ---------------------------------------------------------------- documents

  private List<Document> documents(DatasetEntry e) {
    List<Document> docs = new ArrayList<>();
    String audience = Viewer.audience(e);
    for (int i = 0; i < e.columns().size(); i++) {
      Document c = columnDocument(e.id(), i, e.columns().get(i));
      c.add(new StringField(AUDIENCE, audience, Field.Store.YES));
      docs.add(c);
    }
    Document d = new Document();
    d.add(new StringField(DOC, DATASET, Field.Store.NO));
    d.add(new StringField(ID, e.id(), Field.Store.YES));
    d.add(new StringField(AUDIENCE, audience, Field.Store.NO));
    text(d, "name", e.name());
    if (e.name() != null) {
      // File-like names (pm_readings.csv) are one token to the analyzer: index their words too.
      d.add(new TextField("name_words", String.join(" ", SchemaMatcher.words(e.name())), Field.Store.NO));
    }
    text(d, "description", e.description());
    text(d, "keywords", String.join("\n", e.keywords()));
    text(d, "source", e.source());
    StringBuilder columns = new StringBuilder();
    StringBuilder samples = new StringBuilder();
    for (ColumnEntry c : e.columns()) {
      columns.append(c.name()).append(" (").append(String.join(" ", SchemaMatcher.words(c.name())))
          .append(")\n");
      samples.append(String.join("\n", c.samples())).append('\n');
    }
    text(d, "columns", columns.toString());
    d.add(new TextField("samples", samples.toString(), Field.Store.NO));
    text(d, "semantic", String.join(" ", e.semanticTypes()).replace('_', ' '));
    facet(d, "source", e.source() == null ? null : List.of(e.source()));
    facet(d, "license", e.license() == null ? null : List.of(e.license()));
    facet(d, "format", e.formats());
    facet(d, "semantic_type", e.semanticTypes());
    if (e.temporal() != null) {
      d.add(new LongRange(TIME, new long[] {e.temporal().start().toEpochMilli()},
          new long[] {e.temporal().end().toEpochMilli()}));
    }
    if (e.spatial() != null) {
      for (double[] box : boxes(e.spatial())) {
        d.add(new DoubleRange(BBOX, new double[] {box[1], box[0]}, new double[] {box[3], box[2]}));
      }
    }
    d.add(new StoredField(ENTRY, new BytesRef(JSON.writeValueAsBytes(e))));
    try {
      docs.add(facets.build(d));
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
    return docs;
  }

  private static Document columnDocument(String id, int index, ColumnEntry c) {
    Document d = new Document();
    d.add(new StringField(DOC, COLUMN, Field.Store.NO));
    d.add(new StringField(ID, id, Field.Store.YES));
    d.add(new StoredField(COLUMN_INDEX, index));
    d.add(new StringField(COLUMN_KIND, c.kind().name(), Field.Store.NO));
    d.add(new TextField(COLUMN_WORDS, String.join(" ", SchemaMatcher.words(c.name())), Field.Store.NO));
    if (c.sketch() != null && c.kind().isKeyLike()) {
      for (long h : c.sketch().hashes()) {
        d.add(new StringField(HASH, hashTerm(h), Field.Store.NO));
      }
      d.add(new NumericDocValuesField(THETA, c.sketch().theta()));
    }
    if (c.min() != null && c.max() != null && c.min() <= c.max()) {
      d.add(new DoubleRange(COLUMN_RANGE, new double[] {c.min()}, new double[] {c.max()}));
    }
    return d;
  }

  private static void text(Document d, String field, String value) {
    if (value != null && !value.isBlank()) {
      d.add(new TextField(field, value, Field.Store.YES));
    }
  }

  private static void facet(Document d, String dim, List<String> values) {
    if (values == null) {
      return;
    }
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        d.add(new SortedSetDocValuesFacetField(dim, v));
        d.add(new StringField(FILTER_PREFIX + dim, v, Field.Store.NO));
      }
    }
  }

  /** A box as one or two [minLon, minLat, maxLon, maxLat] boxes, split at the antimeridian. */
  private static List<double[]> boxes(BoundingBox b) {
    if (!b.crossesAntimeridian()) {
      return List.of(new double[] {b.minLon(), b.minLat(), b.maxLon(), b.maxLat()});
    }
    return List.of(new double[] {b.minLon(), b.minLat(), 180, b.maxLat()},
        new double[] {-180, b.minLat(), b.maxLon(), b.maxLat()});
  }

  private static BytesRef hashTerm(long h) {
    byte[] b = new byte[8];
    for (int i = 7; i >= 0; i--) {
      b[i] = (byte) h;
      h >>>= 8;
    }
    return new BytesRef(b);
  }

  // ---------------------------------------------------------------- keyword search

  @Override
  public SearchResults search(SearchQuery q, Viewer viewer) throws IOException {
    Query keywords = null;
    if (!q.keywords().isEmpty()) {
      keywords = new SimpleQueryParser(analyzer, WEIGHTS).parse(q.keywords());
      if (keywords == null || keywords instanceof org.apache.lucene.search.MatchNoDocsQuery
          || (keywords instanceof BooleanQuery bq && bq.clauses().isEmpty())) {
        throw new InvalidQueryException("query '" + q.keywords() + "' has no searchable words");
      }
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(keywords == null ? new MatchAllDocsQuery() : keywords, Occur.MUST);
    b.add(new TermQuery(new Term(DOC, DATASET)), Occur.FILTER);
    addAudience(b, viewer);
    for (Map.Entry<String, List<String>> f : q.filters().entrySet()) {
      if (f.getValue().isEmpty()) {
        continue;
      }
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (String v : f.getValue()) {
        any.add(new TermQuery(new Term(FILTER_PREFIX + f.getKey(), v)), Occur.SHOULD);
      }
      b.add(any.build(), Occur.FILTER);
    }
    if (q.from() != null || q.to() != null) {
      long from = q.from() == null ? Long.MIN_VALUE : q.from().toEpochMilli();
      long to = q.to() == null ? Long.MAX_VALUE : q.to().toEpochMilli();
      b.add(LongRange.newIntersectsQuery(TIME, new long[] {from}, new long[] {to}), Occur.FILTER);
    }
    if (q.bbox() != null) {
      BooleanQuery.Builder any = new BooleanQuery.Builder();
      for (double[] box : boxes(q.bbox())) {
        any.add(DoubleRange.newIntersectsQuery(BBOX, new double[] {box[1], box[0]},
            new double[] {box[3], box[2]}), Occur.SHOULD);
      }
      b.add(any.build(), Occur.FILTER);
    }
    Query query = b.build();

    IndexSearcher s = searchers.acquire();
    try {
      int n = q.offset() + q.limit();
      FacetsCollectorManager.FacetsResult r =
          FacetsCollectorManager.search(s, query, n, new FacetsCollectorManager());
      TopDocs top = r.topDocs();
      ScoreDoc[] page = java.util.Arrays.copyOfRange(top.scoreDocs,
          Math.min(q.offset(), top.scoreDocs.length), top.scoreDocs.length);
      TopDocs pageDocs = new TopDocs(top.totalHits, page);
      Map<String, String[]> snippets = new HashMap<>();
      if (keywords != null && page.length > 0) {
        UnifiedHighlighter h = UnifiedHighlighter.builder(s, analyzer).build();
        for (String field : HIGHLIGHTED) {
          snippets.put(field, h.highlight(field, keywords, pageDocs, 1));
        }
      }
      List<SearchResults.Hit> hits = new ArrayList<>();
      for (int i = 0; i < page.length; i++) {
        DatasetEntry e = entry(s, page[i].doc);
        Map<String, String> hl = new LinkedHashMap<>();
        for (String field : HIGHLIGHTED) {
          String[] sn = snippets.get(field);
          if (sn != null && sn[i] != null && sn[i].contains("<b>")) {
            hl.put(field, sn[i].strip());
          }
        }
        hits.add(new SearchResults.Hit(e.id(), e.name(), page[i].score, hl, withoutSketches(e)));
      }
      return new SearchResults(top.totalHits.value, hits, facetCounts(s, r));
    } finally {
      searchers.release(s);
    }
  }

  private Map<String, List<SearchResults.FacetCount>> facetCounts(IndexSearcher s,
      FacetsCollectorManager.FacetsResult r) throws IOException {
    Map<String, List<SearchResults.FacetCount>> out = new LinkedHashMap<>();
    SortedSetDocValuesReaderState state = facetState(s.getIndexReader());
    for (String dim : SearchQuery.FACETS) {
      out.put(dim, List.of());
    }
    if (state == null) {
      return out;
    }
    Facets counts = new SortedSetDocValuesFacetCounts(state, r.facetsCollector());
    for (String dim : SearchQuery.FACETS) {
      FacetResult fr;
      try {
        fr = counts.getTopChildren(20, dim);
      } catch (IllegalArgumentException e) {
        fr = null; // no document has this dimension yet
      }
      if (fr != null) {
        List<SearchResults.FacetCount> list = new ArrayList<>();
        for (LabelAndValue lv : fr.labelValues) {
          list.add(new SearchResults.FacetCount(lv.label, lv.value.longValue()));
        }
        out.put(dim, list);
      }
    }
    return out;
  }

  private SortedSetDocValuesReaderState facetState(IndexReader reader) throws IOException {
    FacetState f = facetState;
    if (f != null && f.reader == reader) {
      return f.state;
    }
    SortedSetDocValuesReaderState state;
    try {
      state = new DefaultSortedSetDocValuesReaderState(reader, facets);
    } catch (IllegalArgumentException e) {
      state = null; // nothing with facets indexed yet
    }
    facetState = new FacetState(reader, state);
    return state;
  }

  // ---------------------------------------------------------------- join search

  /** A column pair found by the posting-list walk, before grouping by dataset. */
  private record Found(String datasetId, int columnIndex, String queryColumn, double score,
      String match) {}

  @Override
  public List<JoinHit> joinSearch(DatasetEntry query, double minContainment, int limit,
      Viewer viewer) throws IOException {
    if (limit < 1 || limit > SearchQuery.MAX_LIMIT) {
      throw new InvalidQueryException("limit must be between 1 and " + SearchQuery.MAX_LIMIT);
    }
    boolean any = query.spatial() != null || query.columns().stream().anyMatch(c -> c.sketch() != null
        || (c.min() != null && c.max() != null));
    if (!any) {
      throw new InvalidQueryException("the query dataset has no column to join on");
    }
    IndexSearcher s = searchers.acquire();
    try {
      List<Found> found = new ArrayList<>();
      for (ColumnEntry qc : query.columns()) {
        if (qc.sketch() != null && qc.kind().isKeyLike() && qc.sketch().hashes().length > 0) {
          valueMatches(s, qc, minContainment, viewer, found);
        } else if ((qc.kind() == ColumnKind.FLOAT || qc.kind() == ColumnKind.TEMPORAL)
            && qc.min() != null && qc.max() != null) {
          rangeMatches(s, qc, viewer, found);
        }
      }
      if (query.spatial() != null) {
        spatialMatches(s, query, viewer, found);
      }
      Map<String, List<Found>> byDataset = new LinkedHashMap<>();
      for (Found f : found) {
        if (!f.datasetId.equals(query.id())) {
          byDataset.computeIfAbsent(f.datasetId, k -> new ArrayList<>()).add(f);
        }
      }
      List<JoinHit> hits = new ArrayList<>();
      for (Map.Entry<String, List<Found>> e : byDataset.entrySet()) {
        double score = 0;
        for (Found f : e.getValue()) {
          // Shared values make a join; overlapping ranges or places only suggest one.
          score = Math.max(score, f.match.equals("values") ? f.score : 0.5 * f.score);
        }
        hits.add(new JoinHit(e.getKey(), null, score, List.of()));
      }
      hits.sort(Comparator.comparingDouble(JoinHit::score).reversed());
      List<JoinHit> out = new ArrayList<>();
      for (JoinHit h : hits.subList(0, Math.min(limit, hits.size()))) {
        TopDocs td = s.search(datasetDoc(h.id()), 1);
        if (td.scoreDocs.length == 0) {
          continue;
        }
        DatasetEntry target = entry(s, td.scoreDocs[0].doc);
        List<ColumnPair> pairs = new ArrayList<>();
        for (Found f : byDataset.get(h.id())) {
          if (f.columnIndex < 0) {
            String[] latLon = latLonNames(target);
            pairs.add(new ColumnPair(f.queryColumn, latLon[0], latLon[1], f.match, f.score));
            continue;
          }
          ColumnEntry c = target.columns().get(f.columnIndex);
          pairs.add(new ColumnPair(f.queryColumn, c.name(), c.table(), f.match, f.score));
        }
        pairs.sort(Comparator.comparing((ColumnPair p) -> !p.match().equals("values"))
            .thenComparing(Comparator.comparingDouble(ColumnPair::score).reversed()));
        out.add(new JoinHit(h.id(), target.name(), h.score(), pairs));
      }
      return out;
    } finally {
      searchers.release(s);
    }
  }

  private void valueMatches(IndexSearcher s, ColumnEntry qc, double minContainment, Viewer viewer,
      List<Found> out) throws IOException {
    ColumnSketch q = qc.sketch();
    for (LeafReaderContext ctx : s.getIndexReader().leaves()) {
      LeafReader leaf = ctx.reader();
      Terms terms = leaf.terms(HASH);
      if (terms == null) {
        continue;
      }
      TermsEnum te = terms.iterator();
      Bits live = leaf.getLiveDocs();
      Map<Integer, int[]> counts = new HashMap<>();
      PostingsEnum pe = null;
      for (long h : q.hashes()) {
        if (!te.seekExact(hashTerm(h))) {
          continue;
        }
        pe = te.postings(pe, PostingsEnum.NONE);
        for (int doc = pe.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = pe.nextDoc()) {
          if (live == null || live.get(doc)) {
            counts.computeIfAbsent(doc, d -> new int[1])[0]++;
          }
        }
      }
      if (counts.isEmpty()) {
        continue;
      }
      List<Integer> docs = new ArrayList<>(counts.keySet());
      docs.sort(null);
      NumericDocValues thetas = leaf.getNumericDocValues(THETA);
      StoredFields stored = leaf.storedFields();
      for (int doc : docs) {
        long theta = thetas != null && thetas.advanceExact(doc) ? thetas.longValue() : Long.MAX_VALUE;
        int sample = q.countAtOrBelow(theta);
        if (sample == 0) {
          continue;
        }
        double containment = Math.min(1.0, (double) counts.get(doc)[0] / sample);
        if (containment < minContainment) {
          continue;
        }
        Document d = stored.document(doc, Set.of(ID, COLUMN_INDEX, AUDIENCE));
        if (!sees(viewer, d.get(AUDIENCE))) {
          continue;
        }
        out.add(new Found(d.get(ID), d.getField(COLUMN_INDEX).numericValue().intValue(),
            qc.name(), containment, "values"));
      }
    }
  }

  private void rangeMatches(IndexSearcher s, ColumnEntry qc, Viewer viewer, List<Found> out)
      throws IOException {
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(DoubleRange.newIntersectsQuery(COLUMN_RANGE, new double[] {qc.min()},
        new double[] {qc.max()}), Occur.MUST);
    b.add(new TermQuery(new Term(DOC, COLUMN)), Occur.FILTER);
    BooleanQuery.Builder kinds = new BooleanQuery.Builder();
    for (ColumnKind k : ColumnKind.values()) {
      if (k.compatibleWith(qc.kind()) && k != ColumnKind.BOOLEAN) {
        kinds.add(new TermQuery(new Term(COLUMN_KIND, k.name())), Occur.SHOULD);
      }
    }
    b.add(kinds.build(), Occur.FILTER);
    addAudience(b, viewer);
    TopDocs td = s.search(b.build(), 200);
    StoredFields stored = s.storedFields();
    Map<String, DatasetEntry> cache = new HashMap<>();
    for (ScoreDoc sd : td.scoreDocs) {
      Document d = stored.document(sd.doc, Set.of(ID, COLUMN_INDEX));
      String id = d.get(ID);
      DatasetEntry e = cache.get(id);
      if (e == null) {
        TopDocs et = s.search(datasetDoc(id), 1);
        if (et.scoreDocs.length == 0) {
          continue;
        }
        e = entry(s, et.scoreDocs[0].doc);
        cache.put(id, e);
      }
      int ci = d.getField(COLUMN_INDEX).numericValue().intValue();
      ColumnEntry c = e.columns().get(ci);
      double lo = Math.max(qc.min(), c.min());
      double hi = Math.min(qc.max(), c.max());
      double span = Math.max(qc.max(), c.max()) - Math.min(qc.min(), c.min());
      double overlap = span <= 0 ? 1.0 : Math.max(0, hi - lo) / span;
      if (overlap > 0) {
        out.add(new Found(id, ci, qc.name(), overlap, "range"));
      }
    }
  }

  /**
   * Datasets whose bounding box overlaps the query's, scored by the boxes' intersection over their
   * union; the pair names the coordinate columns of each side.
   */
  private void spatialMatches(IndexSearcher s, DatasetEntry query, Viewer viewer, List<Found> out)
      throws IOException {
    BooleanQuery.Builder any = new BooleanQuery.Builder();
    for (double[] box : boxes(query.spatial())) {
      any.add(DoubleRange.newIntersectsQuery(BBOX, new double[] {box[1], box[0]},
          new double[] {box[3], box[2]}), Occur.SHOULD);
    }
    BooleanQuery.Builder qb = new BooleanQuery.Builder().add(any.build(), Occur.MUST)
        .add(new TermQuery(new Term(DOC, DATASET)), Occur.FILTER);
    addAudience(qb, viewer);
    Query q = qb.build();
    String queryColumns = latLonNames(query)[0];
    for (ScoreDoc sd : s.search(q, 200).scoreDocs) {
      DatasetEntry e = entry(s, sd.doc);
      double overlap = boxOverlap(query.spatial(), e.spatial());
      if (overlap > 0) {
        out.add(new Found(e.id(), -1, queryColumns, overlap, "spatial"));
      }
    }
  }

  /** The latitude and longitude columns of a dataset, as "lat, lon", and their table. */
  private static String[] latLonNames(DatasetEntry e) {
    String lat = null;
    String lon = null;
    String table = null;
    for (ColumnEntry c : e.columns()) {
      if (lat == null && c.semanticTypes().contains("latitude")) {
        lat = c.name();
        table = c.table();
      } else if (lon == null && c.semanticTypes().contains("longitude")) {
        lon = c.name();
      } else if (lat == null && lon == null && (c.semanticTypes().contains("wkt_point")
          || c.semanticTypes().contains("lat_long_point"))) {
        return new String[] {c.name(), c.table()};
      }
    }
    return new String[] {lat == null || lon == null ? "(bounding box)" : lat + ", " + lon, table};
  }

  /** Intersection over union of two boxes' areas (in degrees², good enough to rank by). */
  static double boxOverlap(BoundingBox a, BoundingBox b) {
    if (a == null || b == null || a.crossesAntimeridian() || b.crossesAntimeridian()) {
      return a != null && b != null ? 0.5 : 0; // intersecting (the index said so): count it halfway
    }
    double w = Math.min(a.maxLon(), b.maxLon()) - Math.max(a.minLon(), b.minLon());
    double h = Math.min(a.maxLat(), b.maxLat()) - Math.max(a.minLat(), b.minLat());
    if (w < 0 || h < 0) {
      return 0;
    }
    double areaA = (a.maxLon() - a.minLon()) * (a.maxLat() - a.minLat());
    double areaB = (b.maxLon() - b.minLon()) * (b.maxLat() - b.minLat());
    double inter = w * h;
    double union = areaA + areaB - inter;
    return union <= 0 ? 1.0 : inter / union;
  }

  // ---------------------------------------------------------------- union search

  @Override
  public List<UnionHit> unionSearch(DatasetEntry query, int limit, Viewer viewer)
      throws IOException {
    if (limit < 1 || limit > SearchQuery.MAX_LIMIT) {
      throw new InvalidQueryException("limit must be between 1 and " + SearchQuery.MAX_LIMIT);
    }
    if (query.columns().isEmpty()) {
      throw new InvalidQueryException("the query dataset has no columns to union on");
    }
    BooleanQuery.Builder names = new BooleanQuery.Builder();
    int clauses = 0;
    for (ColumnEntry c : query.columns()) {
      for (String w : SchemaMatcher.words(c.name())) {
        if (clauses > 500) {
          break;
        }
        names.add(new FuzzyQuery(new Term(COLUMN_WORDS, w), w.length() >= 6 ? 2 : w.length() >= 3 ? 1 : 0),
            Occur.SHOULD);
        clauses++;
        if (w.length() >= 3) {
          names.add(new BoostQuery(new PrefixQuery(new Term(COLUMN_WORDS, w)), 0.8f), Occur.SHOULD);
          clauses++;
        }
        if (w.length() > 3) {
          // the target may abbreviate: "temperature" found by its column "temp"
          names.add(new BoostQuery(new TermQuery(new Term(COLUMN_WORDS, w.substring(0, 3))), 0.5f),
              Occur.SHOULD);
          names.add(new BoostQuery(new TermQuery(new Term(COLUMN_WORDS, w.substring(0, 4))), 0.5f),
              Occur.SHOULD);
          clauses += 2;
        }
      }
    }
    BooleanQuery.Builder b = new BooleanQuery.Builder();
    b.add(names.build(), Occur.MUST);
    b.add(new TermQuery(new Term(DOC, COLUMN)), Occur.FILTER);
    addAudience(b, viewer);
    IndexSearcher s = searchers.acquire();
    try {
      TopDocs td = s.search(b.build(), 2000);
      StoredFields stored = s.storedFields();
      List<String> candidates = new ArrayList<>();
      for (ScoreDoc sd : td.scoreDocs) {
        String id = stored.document(sd.doc, Set.of(ID)).get(ID);
        if (!id.equals(query.id()) && !candidates.contains(id)) {
          candidates.add(id);
          if (candidates.size() >= Math.max(100, 5 * limit)) {
            break;
          }
        }
      }
      int needed = Math.max(1, (query.columns().size() + 1) / 2);
      List<UnionHit> hits = new ArrayList<>();
      for (String id : candidates) {
        TopDocs et = s.search(datasetDoc(id), 1);
        if (et.scoreDocs.length == 0) {
          continue;
        }
        DatasetEntry target = entry(s, et.scoreDocs[0].doc);
        List<ColumnPair> pairs = SchemaMatcher.match(query.columns(), target.columns());
        if (pairs.size() < needed) {
          continue;
        }
        double sum = pairs.stream().mapToDouble(ColumnPair::score).sum();
        // Matched share of the query's columns, lightly penalising columns the target adds.
        double score = sum / query.columns().size()
            * (0.9 + 0.1 * pairs.size() / Math.max(1, target.columns().size()));
        hits.add(new UnionHit(id, target.name(), score, pairs));
      }
      hits.sort(Comparator.comparingDouble(UnionHit::score).reversed());
      return List.copyOf(hits.subList(0, Math.min(limit, hits.size())));
    } finally {
      searchers.release(s);
    }
  }

  // ---------------------------------------------------------------- helpers

  /** Keeps what the viewer may see: public entries and the viewer's own. */
  private static void addAudience(BooleanQuery.Builder b, Viewer viewer) {
    if (viewer.seesAll()) {
      return;
    }
    BooleanQuery.Builder any = new BooleanQuery.Builder()
        .add(new TermQuery(new Term(AUDIENCE, "*")), Occur.SHOULD);
    if (viewer.userId() != null) {
      any.add(new TermQuery(new Term(AUDIENCE, viewer.userId())), Occur.SHOULD);
    }
    b.add(any.build(), Occur.FILTER);
  }

  private static boolean sees(Viewer viewer, String audience) {
    return viewer.seesAll() || audience == null || audience.equals("*")
        || audience.equals(viewer.userId());
  }

  private static Query datasetDoc(String id) {
    return new BooleanQuery.Builder()
        .add(new TermQuery(new Term(ID, id)), Occur.FILTER)
        .add(new TermQuery(new Term(DOC, DATASET)), Occur.FILTER)
        .build();
  }

  private static DatasetEntry entry(IndexSearcher s, int doc) throws IOException {
    BytesRef bytes = s.storedFields().document(doc, Set.of(ENTRY)).getBinaryValue(ENTRY);
    return JSON.readValue(bytes.bytes, bytes.offset, bytes.length, DatasetEntry.class);
  }

  /** The entry as shown in search hits: statistics yes, the bulky sketches no. */
  public static DatasetEntry withoutSketches(DatasetEntry e) {
    List<ColumnEntry> cols = e.columns().stream().map(c -> c.withSketch(null)).toList();
    return new DatasetEntry(e.id(), e.name(), e.description(), e.keywords(), e.source(), e.license(),
        e.formats(), e.location(), e.rows(), cols, e.temporal(), e.spatial(), e.metadata(),
        e.indexedAt());
  }

  @Override
  public void close() throws IOException {
    try {
      searchers.close();
      writer.close();
    } finally {
      directory.close();
    }
  }
}
