package dev.quarry.slice.lines;

import dev.quarry.core.engine.Merge;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Chunk summaries keyed by their start. The engine merges results in any order and grouping, so
 * the merge is a union (associative and commutative); the summaries are chained in offset order
 * only once all are in.
 */
final class ChunkSet implements Serializable {

  static final Merge<ChunkSet> MERGE = ChunkSet::union;

  private final TreeMap<Long, ChunkSummary> chunks = new TreeMap<>();

  static ChunkSet of(ChunkSummary summary) {
    ChunkSet set = new ChunkSet();
    set.chunks.put(summary.start(), summary);
    return set;
  }

  private ChunkSet union(ChunkSet other) {
    chunks.putAll(other.chunks);
    return this;
  }

  List<ChunkSummary> inOrder() {
    return new ArrayList<>(chunks.values());
  }
}
