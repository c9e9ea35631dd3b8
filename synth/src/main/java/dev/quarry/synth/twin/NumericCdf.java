package dev.quarry.synth.twin;

import dev.quarry.synth.twin.TwinProfile.ColumnProfile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A column's cumulative distribution rebuilt from its profile, piecewise linear between knots.
 *
 * <p>A profile keeps no values, only a sketch: min, max, five quantiles (p5..p95) and an equal-width
 * histogram. The histogram's counts are exact, so its edges with their cumulative shares are the
 * backbone; the quantiles (sketch estimates) refine the shape inside a bin — a bin holding most of a
 * skewed column says nothing about where within it the values sit, p25/p50 do. A quantile is
 * clamped to the share range of the bin it falls in, so the two sources never contradict each other
 * and the knots stay monotone. Between knots the distribution is taken as uniform (linear CDF); that
 * is the approximation both the generator (via {@link #inverse}) and the KS distance make.
 *
 * <p>A class rather than a record: its state is two arrays, which records would compare by identity.
 */
public final class NumericCdf {

  /** Knot values, ascending. */
  private final double[] xs;
  /** Cumulative shares at the knots, non-decreasing from 0 to 1. */
  private final double[] ps;

  NumericCdf(double[] xs, double[] ps) {
    if (xs.length != ps.length || xs.length == 0) {
      throw new IllegalArgumentException("knots and shares must be non-empty and of equal length");
    }
    this.xs = xs.clone();
    this.ps = ps.clone();
  }

  /** The CDF of a numeric column's profile; null when it has no numeric statistics. */
  public static NumericCdf of(ColumnProfile c) {
    if (c.min() == null || c.max() == null) {
      return null;
    }
    double min = c.min();
    double max = c.max();
    List<double[]> knots = new ArrayList<>();
    knots.add(new double[] {min, 0});
    double[] edges = c.edges().stream().mapToDouble(Double::doubleValue).toArray();
    double[] cum = null;
    long total = c.counts().stream().mapToLong(Long::longValue).sum();
    if (edges.length >= 2 && total > 0) {
      cum = new double[edges.length];
      for (int i = 1; i < edges.length; i++) {
        cum[i] = cum[i - 1] + (double) c.counts().get(i - 1) / total;
      }
      cum[edges.length - 1] = 1;
      for (int i = 1; i < edges.length - 1; i++) {
        knots.add(new double[] {edges[i], cum[i]});
      }
    }
    for (Map.Entry<Double, Double> q : c.quantiles().entrySet()) {
      double x = Math.max(min, Math.min(max, q.getValue()));
      double p = q.getKey();
      if (cum != null) {
        // Keep the quantile inside the share range of its histogram bin (the counts are exact).
        int bin = Arrays.binarySearch(edges, x);
        bin = bin >= 0 ? Math.min(bin, edges.length - 2) : Math.max(0, Math.min(-bin - 2, edges.length - 2));
        p = Math.max(cum[bin], Math.min(cum[bin + 1], p));
      }
      knots.add(new double[] {x, p});
    }
    knots.add(new double[] {max, 1});
    knots.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
    double[] xs = new double[knots.size()];
    double[] ps = new double[knots.size()];
    double running = 0;
    for (int i = 0; i < knots.size(); i++) {
      xs[i] = knots.get(i)[0];
      // Sketch quantiles can disagree slightly with each other; a CDF never decreases.
      running = Math.max(running, knots.get(i)[1]);
      ps[i] = running;
    }
    return new NumericCdf(xs, ps);
  }

  /** P(X ≤ x). Knots at the same x (an atom, as at min) count fully. */
  public double cdf(double x) {
    if (x < xs[0]) {
      return 0;
    }
    if (x >= xs[xs.length - 1]) {
      return 1;
    }
    // The last knot at or below x; the CDF is linear from it to the next one.
    int i = upperBound(x) - 1;
    double x0 = xs[i];
    double x1 = xs[i + 1];
    return x1 == x0 ? ps[i + 1] : ps[i] + (ps[i + 1] - ps[i]) * (x - x0) / (x1 - x0);
  }

  /** The smallest x with {@code cdf(x) >= p}, interpolated within its segment. */
  public double inverse(double p) {
    if (p <= ps[0]) {
      return xs[0];
    }
    for (int i = 1; i < ps.length; i++) {
      if (ps[i] >= p) {
        double span = ps[i] - ps[i - 1];
        return span <= 0 ? xs[i] : xs[i - 1] + (xs[i] - xs[i - 1]) * (p - ps[i - 1]) / span;
      }
    }
    return xs[xs.length - 1];
  }

  /**
   * The Kolmogorov–Smirnov statistic {@code sup |F − G|}. Both are piecewise linear, so the supremum
   * is reached at a knot of one of them (checked on both sides of each, for jumps).
   */
  public double ksDistance(NumericCdf other) {
    double d = 0;
    for (NumericCdf c : List.of(this, other)) {
      for (double x : c.xs) {
        d = Math.max(d, Math.abs(cdf(x) - other.cdf(x)));
        double below = Math.nextDown(x);
        d = Math.max(d, Math.abs(cdf(below) - other.cdf(below)));
      }
    }
    return Math.min(1, d);
  }

  private int upperBound(double x) {
    int lo = 0;
    int hi = xs.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (xs[mid] <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
