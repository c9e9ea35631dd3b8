package dev.quarry.profile;

import dev.quarry.profile.stats.ColumnStats.ValueCount;
import java.util.List;
import java.util.Map;

/**
 * The statistics of one field, read out of its sketches. Numeric entries are null for non-numeric
 * fields. {@code distinct} is exact when {@code distinctExact}, else an HLL estimate (about 1.6%
 * relative error).
 */
public record FieldStatistics(
    long count,
    long missing,
    long distinct,
    boolean distinctExact,
    Double min,
    Double max,
    Double mean,
    Double stddev,
    Map<String, Double> quantiles,
    Histogram histogram,
    List<ValueCount> topValues,
    Long minLength,
    Long maxLength,
    Double meanLength,
    List<String> samples,
    Map<String, Long> valueKinds) {

  /** Equal-width bins: {@code edges} has one more entry than {@code counts}. */
  public record Histogram(List<Double> edges, List<Long> counts) {}
}
