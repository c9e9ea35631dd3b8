package dev.quarry.search;

import java.util.List;

/** A dataset whose schema matches the query's, with the columns matched. */
public record UnionHit(String id, String name, double score, List<ColumnPair> pairs) {

  public UnionHit {
    pairs = List.copyOf(pairs);
  }
}
