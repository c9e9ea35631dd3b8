package dev.quarry.profile;

import dev.quarry.profile.stats.TemporalResolution;
import java.time.Instant;

/** The time a field (or the dataset) covers, and the finest unit its values vary in. */
public record TemporalCoverage(Instant start, Instant end, TemporalResolution resolution) {

  public TemporalCoverage union(TemporalCoverage o) {
    if (o == null) {
      return this;
    }
    return new TemporalCoverage(
        start.isBefore(o.start) ? start : o.start,
        end.isAfter(o.end) ? end : o.end,
        TemporalResolution.finer(resolution, o.resolution));
  }

  /** ISO 8601 interval as schema.org {@code temporalCoverage} expects ({@code start/end}). */
  public String iso() {
    return start + "/" + end;
  }
}
