package dev.quarry.search;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;

/**
 * A bottom-k (KMV) sketch of a column's distinct values: the {@code k} smallest 63-bit hashes of
 * its normalised values. Two such sketches estimate how much of one column's values the other
 * contains ({@link #containmentIn}) without either column being read again, and each retained hash
 * is indexed as a term so that candidate columns are found through posting lists rather than by
 * comparing against every column (the coordinated-sampling idea behind theta sketches and LSH
 * Ensemble).
 *
 * @param theta every hash of the column at or below theta is retained; {@link Long#MAX_VALUE} when
 *     the column had fewer than {@code k} distinct values (the sketch is then exact)
 * @param hashes the retained hashes, ascending
 */
public record ColumnSketch(long theta, long[] hashes) {

  public ColumnSketch {
    hashes = hashes.clone();
  }

  /**
   * The union of two sketches of the same column's parts (two files of a file set): the {@code k}
   * smallest of the hashes both retain below the smaller theta.
   */
  public ColumnSketch union(ColumnSketch o, int k) {
    SketchBuilder b = new SketchBuilder(k);
    long bound = Math.min(theta, o.theta);
    for (long h : hashes) {
      if (h <= bound) {
        b.addHash(h);
      }
    }
    for (long h : o.hashes) {
      if (h <= bound) {
        b.addHash(h);
      }
    }
    ColumnSketch u = b.build();
    return u.exact() && bound != Long.MAX_VALUE ? new ColumnSketch(bound, u.hashes) : u;
  }

  public boolean exact() {
    return theta == Long.MAX_VALUE;
  }

  /** Estimated number of distinct values. */
  public double distinctEstimate() {
    if (exact()) {
      return hashes.length;
    }
    // KMV estimator (k - 1) / theta, theta as a fraction of the hash space.
    return (hashes.length - 1) / ((double) theta / Long.MAX_VALUE);
  }

  /** How many of this sketch's hashes lie at or below {@code bound}: the sample a comparison uses. */
  public int countAtOrBelow(long bound) {
    int i = Arrays.binarySearch(hashes, bound);
    return i >= 0 ? i + 1 : -i - 1;
  }

  /**
   * Estimated fraction of this column's distinct values that {@code other} also holds. Both sketches
   * are cut at the smaller theta so they sample the same part of the hash space.
   */
  public double containmentIn(ColumnSketch other) {
    long bound = Math.min(theta, other.theta);
    int sample = countAtOrBelow(bound);
    if (sample == 0) {
      return 0;
    }
    int shared = 0;
    int i = 0;
    int j = 0;
    long[] o = other.hashes;
    while (i < hashes.length && j < o.length && hashes[i] <= bound) {
      if (hashes[i] == o[j]) {
        shared++;
        i++;
        j++;
      } else if (hashes[i] < o[j]) {
        i++;
      } else {
        j++;
      }
    }
    return (double) shared / sample;
  }

  /** The sketch as text: theta and the hashes, big-endian, Base64. */
  @JsonValue
  public String encode() {
    ByteBuffer b = ByteBuffer.allocate(8 * (hashes.length + 1));
    b.putLong(theta);
    for (long h : hashes) {
      b.putLong(h);
    }
    return Base64.getEncoder().encodeToString(b.array());
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ColumnSketch decode(String text) {
    ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(text));
    long theta = b.getLong();
    long[] hashes = new long[b.remaining() / 8];
    for (int i = 0; i < hashes.length; i++) {
      hashes[i] = b.getLong();
    }
    return new ColumnSketch(theta, hashes);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnSketch s && s.theta == theta && Arrays.equals(s.hashes, hashes);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(theta) * 31 + Arrays.hashCode(hashes);
  }

  @Override
  public String toString() {
    return "ColumnSketch[theta=" + theta + ", k=" + hashes.length + "]";
  }
}
