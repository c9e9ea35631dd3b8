package dev.quarry.search;

import java.util.List;

/** A dataset that joins with the query: its best column pairs first. */
public record JoinHit(String id, String name, double score, List<ColumnPair> pairs) {

  public JoinHit {
    pairs = List.copyOf(pairs);
  }
}
