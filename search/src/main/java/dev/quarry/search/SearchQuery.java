package dev.quarry.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A keyword search with filters.
 *
 * @param keywords free text (simple query syntax: {@code "phrases"}, {@code -not}, {@code pre*}); may
 *     be blank when some filter narrows the search
 * @param filters facet values to keep, by facet ({@link #FACETS}); values of one facet are OR'd
 * @param from datasets whose temporal coverage ends before this are left out (null: open)
 * @param to datasets whose temporal coverage starts after this are left out (null: open)
 * @param bbox datasets whose spatial coverage does not intersect this box are left out
 */
public record SearchQuery(
    String keywords,
    Map<String, List<String>> filters,
    Instant from,
    Instant to,
    BoundingBox bbox,
    int offset,
    int limit) {

  /** The facets counted and filterable. */
  public static final List<String> FACETS = List.of("source", "license", "format", "semantic_type");

  public static final int MAX_LIMIT = 1000;

  public SearchQuery {
    keywords = keywords == null ? "" : keywords.strip();
    filters = filters == null ? Map.of() : Map.copyOf(filters);
    for (String f : filters.keySet()) {
      if (!FACETS.contains(f)) {
        throw new InvalidQueryException("unknown filter '" + f + "': expected one of " + FACETS);
      }
    }
    if (from != null && to != null && from.isAfter(to)) {
      throw new InvalidQueryException("from " + from + " is after to " + to);
    }
    if (offset < 0) {
      throw new InvalidQueryException("offset must not be negative");
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new InvalidQueryException("limit must be between 1 and " + MAX_LIMIT);
    }
    boolean anyFilter = filters.values().stream().anyMatch(v -> !v.isEmpty())
        || from != null || to != null || bbox != null;
    if (keywords.isEmpty() && !anyFilter) {
      throw new InvalidQueryException("empty query: give keywords, a time range, a bbox or a filter");
    }
  }

  public static SearchQuery keywords(String keywords) {
    return new SearchQuery(keywords, null, null, null, null, 0, 10);
  }

  public SearchQuery withFilter(String facet, String... values) {
    Map<String, List<String>> f = new java.util.HashMap<>(filters);
    f.put(facet, List.of(values));
    return new SearchQuery(keywords, f, from, to, bbox, offset, limit);
  }

  public SearchQuery withTime(Instant newFrom, Instant newTo) {
    return new SearchQuery(keywords, filters, newFrom, newTo, bbox, offset, limit);
  }

  public SearchQuery withBbox(BoundingBox box) {
    return new SearchQuery(keywords, filters, from, to, box, offset, limit);
  }

  public SearchQuery withPage(int newOffset, int newLimit) {
    return new SearchQuery(keywords, filters, from, to, bbox, newOffset, newLimit);
  }

  static Set<String> facetSet() {
    return Set.copyOf(FACETS);
  }
}
