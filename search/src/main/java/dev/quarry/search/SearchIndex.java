package dev.quarry.search;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The catalog's index: what is put in and the four searches. {@link LuceneSearchIndex} is the
 * embedded implementation; a server-backed one (OpenSearch) can implement the same seam.
 */
public interface SearchIndex extends Closeable {

  /** Adds or replaces a dataset's entry; visible to searches when this returns. */
  void upsert(DatasetEntry entry) throws IOException;

  /** Adds or replaces many entries at once (bulk loading), visible when this returns. */
  void upsertAll(List<DatasetEntry> entries) throws IOException;

  /** Removes a dataset's entry; true if there was one. */
  boolean delete(String id) throws IOException;

  Optional<DatasetEntry> get(String id) throws IOException;

  /** Number of datasets indexed. */
  long count() throws IOException;

  /** Keyword search over the entries {@code viewer} may see. */
  SearchResults search(SearchQuery query, Viewer viewer) throws IOException;

  /**
   * Datasets {@code viewer} may see with columns holding the query columns' values (or overlapping
   * their ranges, or their place).
   */
  List<JoinHit> joinSearch(DatasetEntry query, double minContainment, int limit, Viewer viewer)
      throws IOException;

  /** Datasets {@code viewer} may see whose columns match the query's by name and type. */
  List<UnionHit> unionSearch(DatasetEntry query, int limit, Viewer viewer) throws IOException;

  default SearchResults search(SearchQuery query) throws IOException {
    return search(query, Viewer.ALL);
  }

  default List<JoinHit> joinSearch(DatasetEntry query, double minContainment, int limit)
      throws IOException {
    return joinSearch(query, minContainment, limit, Viewer.ALL);
  }

  default List<UnionHit> unionSearch(DatasetEntry query, int limit) throws IOException {
    return unionSearch(query, limit, Viewer.ALL);
  }
}
