package dev.quarry.synth.generate;

/**
 * A keyed bijection of {@code [0, n)}: a 4-round Feistel network over the smallest even bit width
 * covering n, with cycle walking for the values past n. Unique fields map row i to position {@code
 * apply(i)} of their domain, so distinct rows get distinct values in any shard, with no shared set,
 * and the values still look shuffled. The domain is at most 4n wide, so a walk takes fewer than 4
 * steps on average.
 */
public final class Permutation {

  private static final int ROUNDS = 4;
  private final long n;
  private final int half;
  private final long mask;
  private final long[] keys = new long[ROUNDS];

  public Permutation(long n, long key) {
    if (n <= 0 || n > (1L << 62)) {
      throw new IllegalArgumentException("domain size out of range: " + n);
    }
    this.n = n;
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1));
    bits += bits & 1;
    this.half = bits / 2;
    this.mask = (1L << half) - 1;
    long k = key;
    for (int i = 0; i < ROUNDS; i++) {
      k = Mix.mix64(k + Mix.GOLDEN);
      keys[i] = k;
    }
  }

  public long apply(long x) {
    if (x < 0 || x >= n) {
      throw new IllegalArgumentException(x + " is outside [0, " + n + ")");
    }
    do {
      x = encrypt(x);
    } while (x >= n);
    return x;
  }

  private long encrypt(long x) {
    long left = x >>> half;
    long right = x & mask;
    for (int i = 0; i < ROUNDS; i++) {
      long f = Mix.mix64(right ^ keys[i]) & mask;
      long next = left ^ f;
      left = right;
      right = next;
    }
    return (left << half) | right;
  }
}
