package dev.quarry.synth.twin;

import dev.quarry.synth.twin.ProfileToSchema.ColumnPlan;
import dev.quarry.synth.twin.ProfileToSchema.Shape;
import dev.quarry.synth.twin.ProfileToSchema.TablePlan;
import dev.quarry.synth.twin.TwinProfile.ColumnProfile;
import dev.quarry.synth.twin.TwinProfile.TableProfile;
import dev.quarry.synth.twin.TwinProfile.ValueCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * How closely the twin's profile matches the original's, per column, in the manner of SDMetrics'
 * column-shape metrics. Both sides are profiles (sketches), so each metric is computed on what a
 * profile keeps:
 *
 * <ul>
 *   <li>numeric → KS complement {@code 1 − sup|F_orig − F_twin|}, the CDFs rebuilt by {@link
 *       NumericCdf} from each side's histogram and quantiles (linear within knots)
 *   <li>categorical → TV complement {@code 1 − ½ Σ_v |p_orig(v) − p_twin(v)|} over the union of both
 *       top-values lists plus an "other" bucket for the mass outside them; a value in one list but
 *       not the other counts as 0 there (its true share, if any, sits in that side's "other")
 *   <li>temporal → range overlap {@code |orig ∩ twin| / |orig ∪ twin|} of the time ranges, as the
 *       profile keeps no time quantiles
 *   <li>identifiers, e-mails, URLs, free text → no score: their values are meant to differ
 * </ul>
 *
 * Every column also reports the null-rate difference and the distinct-count ratio (twin / original;
 * with a different row count the ratio moves for that reason alone). {@code overall} is the mean of
 * the scored columns (null when none is scored).
 */
public record FidelityReport(Double overall, List<ColumnScore> columns) {

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  public FidelityReport {
    columns = List.copyOf(columns);
  }

  /**
   * @param metric {@code ks_complement}, {@code tv_complement}, {@code range_overlap}, or null when
   *     the column is not scored
   * @param score the metric's value in [0, 1], or null
   * @param nullRateDiff {@code |null rate twin − null rate original|}
   * @param distinctRatio distinct twin / distinct original; null when the original has none
   */
  public record ColumnScore(
      String table, String column, String kind, String metric, Double score,
      double nullRateOriginal, double nullRateTwin, double nullRateDiff,
      long distinctOriginal, long distinctTwin, Double distinctRatio) {}

  /** Compares each planned column of the original with the same column of the twin's profile. */
  public static FidelityReport compare(TwinProfile original, List<TablePlan> plans, Map<String, TwinProfile> twins) {
    List<ColumnScore> out = new ArrayList<>();
    for (TablePlan plan : plans) {
      TableProfile orig = original.tables().stream().filter(t -> t.name().equals(plan.source()))
          .findFirst().orElseThrow(() -> new IllegalArgumentException("no record set " + plan.source()));
      TwinProfile twinProfile = twins.get(plan.table());
      if (twinProfile == null || twinProfile.tables().isEmpty()) {
        throw new IllegalArgumentException("no profile of the twin of " + plan.table());
      }
      TableProfile twin = twinProfile.tables().get(0);
      for (ColumnPlan cp : plan.columns()) {
        ColumnProfile o = orig.column(cp.column());
        ColumnProfile s = twin.column(cp.column());
        out.add(score(plan.table(), cp, o, s));
      }
    }
    var overall = out.stream().filter(c -> c.score() != null).mapToDouble(ColumnScore::score).average();
    return new FidelityReport(overall.isPresent() ? overall.getAsDouble() : null, out);
  }

  private static ColumnScore score(String table, ColumnPlan cp, ColumnProfile o, ColumnProfile s) {
    String metric = null;
    Double score = null;
    if (s == null) {
      // The column is missing from the twin's profile: nothing of it was reproduced.
      metric = cp.shape() == Shape.OTHER ? null : metricName(cp.shape());
      score = metric == null ? null : 0.0;
      return new ColumnScore(table, cp.column(), cp.kind(), metric, score, o.nullRate(), 1, 1 - o.nullRate(),
          o.distinct(), 0, o.distinct() == 0 ? null : 0.0);
    }
    switch (cp.shape()) {
      case NUMERIC -> {
        metric = metricName(Shape.NUMERIC);
        NumericCdf a = NumericCdf.of(o);
        NumericCdf b = NumericCdf.of(s);
        score = a == null || b == null ? 0.0 : 1 - a.ksDistance(b);
      }
      case CATEGORICAL -> {
        metric = metricName(Shape.CATEGORICAL);
        score = tvComplement(o, s);
      }
      case TEMPORAL -> {
        metric = metricName(Shape.TEMPORAL);
        score = rangeOverlap(o.start(), o.end(), s.start(), s.end());
      }
      case OTHER -> { }
    }
    Double ratio = o.distinct() == 0 ? null : (double) s.distinct() / o.distinct();
    return new ColumnScore(table, cp.column(), cp.kind(), metric, score, o.nullRate(), s.nullRate(),
        Math.abs(s.nullRate() - o.nullRate()), o.distinct(), s.distinct(), ratio);
  }

  private static String metricName(Shape shape) {
    return switch (shape) {
      case NUMERIC -> "ks_complement";
      case CATEGORICAL -> "tv_complement";
      case TEMPORAL -> "range_overlap";
      case OTHER -> null;
    };
  }

  /** {@code 1 − ½ Σ |p − q|} over both top-values lists and an "other" bucket. */
  static double tvComplement(ColumnProfile o, ColumnProfile s) {
    Map<String, Double> p = shares(o);
    Map<String, Double> q = shares(s);
    Set<String> keys = new LinkedHashSet<>(p.keySet());
    keys.addAll(q.keySet());
    double sum = 0;
    double restP = 1;
    double restQ = 1;
    for (String k : keys) {
      double a = p.getOrDefault(k, 0.0);
      double b = q.getOrDefault(k, 0.0);
      restP -= a;
      restQ -= b;
      sum += Math.abs(a - b);
    }
    sum += Math.abs(Math.max(0, restP) - Math.max(0, restQ));
    return Math.max(0, 1 - sum / 2);
  }

  private static Map<String, Double> shares(ColumnProfile c) {
    Map<String, Double> out = new HashMap<>();
    long n = c.present();
    if (n > 0) {
      for (ValueCount v : c.topValues()) {
        out.merge(v.value(), (double) v.count() / n, Double::sum);
      }
    }
    return out;
  }

  /** Intersection over union of two time ranges; 1 for equal single instants. */
  static double rangeOverlap(Instant a0, Instant a1, Instant b0, Instant b1) {
    if (a0 == null || a1 == null || b0 == null || b1 == null) {
      return 0;
    }
    long lo = Math.max(a0.getEpochSecond(), b0.getEpochSecond());
    long hi = Math.min(a1.getEpochSecond(), b1.getEpochSecond());
    long union = Math.max(a1.getEpochSecond(), b1.getEpochSecond()) - Math.min(a0.getEpochSecond(), b0.getEpochSecond());
    if (union == 0) {
      return 1;
    }
    return Math.max(0, (double) (hi - lo) / union);
  }

  /** The score of {@code table.column}, or null if that column is not in the report. */
  public ColumnScore column(String table, String column) {
    return columns.stream().filter(c -> c.table().equals(table) && c.column().equals(column)).findFirst().orElse(null);
  }

  public String toJson() {
    return JSON.writeValueAsString(this) + "\n";
  }

  /** A fixed-width table for the terminal, with the overall score last. */
  public String toText() {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%-16s %-20s %-9s %-14s %6s %9s %9s%n",
        "table", "column", "kind", "metric", "score", "null diff", "distinct"));
    for (ColumnScore c : columns) {
      b.append(String.format(Locale.ROOT, "%-16s %-20s %-9s %-14s %6s %9.3f %9s%n",
          clip(c.table(), 16), clip(c.column(), 20), c.kind(), c.metric() == null ? "-" : c.metric(),
          c.score() == null ? "-" : String.format(Locale.ROOT, "%.3f", c.score()), c.nullRateDiff(),
          c.distinctRatio() == null ? "-" : String.format(Locale.ROOT, "%.2fx", c.distinctRatio())));
    }
    b.append(String.format(Locale.ROOT, "overall fidelity: %s%n",
        overall == null ? "- (no scored columns)" : String.format(Locale.ROOT, "%.3f", overall)));
    return b.toString();
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
