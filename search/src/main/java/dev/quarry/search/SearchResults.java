package dev.quarry.search;

import java.util.List;
import java.util.Map;

/**
 * One page of keyword-search hits, the total number of matches, and facet counts over all matches.
 */
public record SearchResults(long total, List<Hit> hits, Map<String, List<FacetCount>> facets) {

  public SearchResults {
    hits = List.copyOf(hits);
    facets = Map.copyOf(facets);
  }

  /**
   * A matching dataset.
   *
   * @param highlights snippets of the matching fields, matches wrapped in {@code <b>}
   */
  public record Hit(String id, String name, float score, Map<String, String> highlights,
      DatasetEntry entry) {}

  public record FacetCount(String value, long count) {}
}
