package dev.quarry.synth.generate;

import java.util.Random;

/**
 * A SplitMix64 generator that is reset to a row's seed before each value. It extends {@link Random}
 * because Datafaker takes a {@code Random}: giving Faker this instance and resetting it per row
 * makes Faker's output a pure function of the row too, with no allocation. Not thread-safe: each
 * generator owns its instances.
 *
 * <p>{@link Random#nextGaussian()} caches a second value between calls, which would carry state from
 * one row into the next; it is replaced by a polar method that keeps none.
 */
public final class RowRandom extends Random {

  private static final long serialVersionUID = 1L;
  private long state;

  public RowRandom() {
    super(0);
  }

  /** Starts the stream at {@code seed}. */
  public void reset(long seed) {
    state = seed;
  }

  @Override
  public synchronized void setSeed(long seed) {
    state = Mix.mix64(seed);
  }

  @Override
  public long nextLong() {
    state += Mix.GOLDEN;
    return Mix.mix64(state);
  }

  @Override
  protected int next(int bits) {
    return (int) (nextLong() >>> (64 - bits));
  }

  @Override
  public int nextInt() {
    return (int) (nextLong() >>> 32);
  }

  @Override
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  @Override
  public boolean nextBoolean() {
    return nextLong() < 0;
  }

  @Override
  public int nextInt(int bound) {
    if (bound <= 0) {
      throw new IllegalArgumentException("bound must be positive");
    }
    // Lemire's multiply-shift with rejection: unbiased, no division in the common case.
    long m = (nextLong() >>> 32) * bound;
    long low = m & 0xFFFFFFFFL;
    if (low < bound) {
      long threshold = (0x100000000L - bound) % bound;
      while (low < threshold) {
        m = (nextLong() >>> 32) * bound;
        low = m & 0xFFFFFFFFL;
      }
    }
    return (int) (m >>> 32);
  }

  /**
   * Uniform in {@code [origin, bound)} by Lemire's multiply-shift with rejection (unbiased; a
   * division only on the rare rejection path), where the JDK's default takes a slower generic path.
   */
  @Override
  public long nextLong(long origin, long bound) {
    if (origin >= bound) {
      throw new IllegalArgumentException("bound must be greater than origin");
    }
    long n = bound - origin;
    if (n <= 0) {
      // The range is wider than Long.MAX_VALUE: at least half of all longs fall in it.
      long x;
      do {
        x = nextLong();
      } while (x < origin || x >= bound);
      return x;
    }
    long x = nextLong();
    long low = x * n;
    if (Long.compareUnsigned(low, n) < 0) {
      long threshold = Long.remainderUnsigned(-n, n);
      while (Long.compareUnsigned(low, threshold) < 0) {
        x = nextLong();
        low = x * n;
      }
    }
    return origin + unsignedMultiplyHigh(x, n);
  }

  /** The high 64 bits of the unsigned 128-bit product of {@code x} and positive {@code n}. */
  private static long unsignedMultiplyHigh(long x, long n) {
    return Math.multiplyHigh(x, n) + ((x >> 63) & n);
  }

  @Override
  public synchronized double nextGaussian() {
    double u;
    double v;
    double s;
    do {
      u = 2 * nextDouble() - 1;
      v = 2 * nextDouble() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    return u * StrictMath.sqrt(-2 * StrictMath.log(s) / s);
  }
}
