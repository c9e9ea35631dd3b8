package dev.quarry.synth.generate;

import dev.quarry.synth.schema.Distribution;
import java.util.random.RandomGenerator;

/**
 * Draws numbers in a closed range with a {@link Distribution}. Draws outside the range are redrawn
 * from the same stream up to {@link #REDRAWS} times, then clamped: the result depends on the row's
 * stream alone and the loop always ends.
 */
final class Samplers {

  static final int REDRAWS = 32;

  private Samplers() {}

  /** Integers in [lo, hi]. */
  abstract static class LongSampler {
    final long lo;
    final long hi;

    LongSampler(long lo, long hi) {
      this.lo = lo;
      this.hi = hi;
    }

    abstract long sample(RandomGenerator r);

    long clamp(double v) {
      return v <= lo ? lo : v >= hi ? hi : Math.round(v);
    }
  }

  /** Doubles in [lo, hi]. */
  abstract static class DoubleSampler {
    final double lo;
    final double hi;

    DoubleSampler(double lo, double hi) {
      this.lo = lo;
      this.hi = hi;
    }

    abstract double sample(RandomGenerator r);
  }

  /**
   * @param scale multiplies the distribution's parameters (mean, stddev, 1/rate) when the integers
   *     are units of a smaller quantity (decimal units of 10^-scale)
   */
  static LongSampler longs(long lo, long hi, Distribution d, double scale) {
    if (d instanceof Distribution.Normal n) {
      double mean = n.mean() * scale;
      double sd = n.stddev() * scale;
      return new LongSampler(lo, hi) {
        @Override
        long sample(RandomGenerator r) {
          double v = 0;
          for (int i = 0; i < REDRAWS; i++) {
            v = mean + sd * r.nextGaussian();
            long k = Math.round(v);
            if (k >= lo && k <= hi) {
              return k;
            }
          }
          return clamp(v);
        }
      };
    }
    if (d instanceof Distribution.Exponential e) {
      double rate = e.rate() / scale;
      return new LongSampler(lo, hi) {
        @Override
        long sample(RandomGenerator r) {
          double v = 0;
          for (int i = 0; i < REDRAWS; i++) {
            v = lo + Math.floor(-Math.log1p(-r.nextDouble()) / rate);
            if (v <= hi) {
              return (long) v;
            }
          }
          return clamp(v);
        }
      };
    }
    if (d instanceof Distribution.Zipf z) {
      Zipf zipf = new Zipf(hi - lo + 1 <= 0 ? Long.MAX_VALUE : hi - lo + 1, z.exponent());
      return new LongSampler(lo, hi) {
        @Override
        long sample(RandomGenerator r) {
          return lo + zipf.sample(r) - 1;
        }
      };
    }
    return new LongSampler(lo, hi) {
      @Override
      long sample(RandomGenerator r) {
        if (hi < Long.MAX_VALUE) {
          return r.nextLong(lo, hi + 1);
        }
        return lo == Long.MIN_VALUE ? r.nextLong() : r.nextLong(lo - 1, hi) + 1;
      }
    };
  }

  static DoubleSampler doubles(double lo, double hi, Distribution d) {
    if (d instanceof Distribution.Normal n) {
      return new DoubleSampler(lo, hi) {
        @Override
        double sample(RandomGenerator r) {
          double v = n.mean();
          for (int i = 0; i < REDRAWS; i++) {
            v = n.mean() + n.stddev() * r.nextGaussian();
            if (v >= lo && v <= hi) {
              return v;
            }
          }
          return Math.max(lo, Math.min(hi, v));
        }
      };
    }
    if (d instanceof Distribution.Exponential e) {
      return new DoubleSampler(lo, hi) {
        @Override
        double sample(RandomGenerator r) {
          double v = lo;
          for (int i = 0; i < REDRAWS; i++) {
            v = lo - Math.log1p(-r.nextDouble()) / e.rate();
            if (v <= hi) {
              return v;
            }
          }
          return hi;
        }
      };
    }
    if (d instanceof Distribution.Zipf z) {
      Zipf zipf = new Zipf((long) Math.floor(hi - lo) + 1, z.exponent());
      return new DoubleSampler(lo, hi) {
        @Override
        double sample(RandomGenerator r) {
          return Math.min(hi, lo + (zipf.sample(r) - 1));
        }
      };
    }
    return new DoubleSampler(lo, hi) {
      @Override
      double sample(RandomGenerator r) {
        // lo + u * (hi - lo) can round to just past hi; keep the range closed.
        return Math.min(hi, lo + r.nextDouble() * (hi - lo));
      }
    };
  }

  /**
   * Zipf over ranks 1..n by rejection-inversion (Hörmann and Derflinger, "Rejection-inversion to
   * generate variates from monotone discrete distributions", 1996), as in Commons Math: constant
   * time and memory for any n, where a table of cumulative weights would need n entries.
   */
  static final class Zipf {
    private final long n;
    private final double s;
    private final double hX1;
    private final double hN;
    private final double sParam;

    Zipf(long n, double exponent) {
      this.n = Math.max(1, n);
      this.s = exponent;
      this.hX1 = hIntegral(1.5) - 1;
      this.hN = hIntegral(this.n + 0.5);
      this.sParam = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
    }

    long sample(RandomGenerator r) {
      long k = 1;
      for (int i = 0; i < REDRAWS * 4; i++) {
        double u = hN + r.nextDouble() * (hX1 - hN);
        double x = hIntegralInverse(u);
        k = (long) (x + 0.5);
        if (k < 1) {
          k = 1;
        } else if (k > n) {
          k = n;
        }
        if (k - x <= sParam || u >= hIntegral(k + 0.5) - h(k)) {
          return k;
        }
      }
      return k;
    }

    private double h(double x) {
      return Math.exp(-s * Math.log(x));
    }

    private double hIntegral(double x) {
      double logX = Math.log(x);
      return helper2((1 - s) * logX) * logX;
    }

    private double hIntegralInverse(double x) {
      double t = x * (1 - s);
      if (t < -1) {
        t = -1;
      }
      return Math.exp(helper1(t) * x);
    }

    private static double helper1(double x) {
      return Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1.0 / 3 - 0.25 * x));
    }

    private static double helper2(double x) {
      return Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + x / 3 * (1 + 0.25 * x));
    }
  }
}
