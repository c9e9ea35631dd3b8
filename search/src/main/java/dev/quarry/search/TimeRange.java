package dev.quarry.search;

import java.time.Instant;

/** The time a dataset or column covers; {@code resolution} is the finest unit its values vary in. */
public record TimeRange(Instant start, Instant end, String resolution) {

  public TimeRange {
    if (start == null || end == null) {
      throw new IllegalArgumentException("a time range needs a start and an end");
    }
  }
}
