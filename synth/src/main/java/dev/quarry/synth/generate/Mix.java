package dev.quarry.synth.generate;

import java.nio.charset.StandardCharsets;

/**
 * The hashing behind determinism: every value's random stream starts from {@link #rowSeed} of a
 * per-field key and the row index, so a value is a pure function of (seed, table, field, row) and
 * any shard can be generated without the rows before it.
 */
public final class Mix {

  static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final long NULL_SALT = 0x4F1BBCDCBFA53E0BL;

  private Mix() {}

  /** SplitMix64's finalizer: a bijection of 64-bit values with full avalanche. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** A stable 64-bit hash of text (FNV-1a over UTF-8, then mixed); never String.hashCode. */
  public static long hash(String s) {
    long h = 0xCBF29CE484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x100000001B3L;
    }
    return mix64(h);
  }

  /** The key of one field's streams: depends on the seed, the table and the field names. */
  public static long fieldKey(long seed, String table, String field) {
    return mix64(mix64(seed ^ hash(table)) + hash(field) * GOLDEN);
  }

  /** The start of the random stream of {@code row} for the field with {@code key}. */
  public static long rowSeed(long key, long row) {
    return mix64(key + (row + 1) * GOLDEN);
  }

  /**
   * Whether this row's value is null. Drawn from its own hash of the row seed, not from the value
   * stream, so changing a field's null rate never changes its non-null values.
   */
  static boolean isNull(long rowSeed, double rate) {
    return rate > 0 && (mix64(rowSeed ^ NULL_SALT) >>> 11) * 0x1.0p-53 < rate;
  }
}
