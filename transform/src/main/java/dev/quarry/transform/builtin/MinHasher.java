package dev.quarry.transform.builtin;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * MinHash signatures of word shingles. Text is NFKC-normalised, lower-cased and split into words
 * (runs of letters and digits); each run of {@code shingleSize} consecutive words is one shingle,
 * hashed to 64 bits, and permutation {@code i} maps a hash {@code x} to {@code (a_i x + b_i) mod
 * (2^61 - 1)} truncated to 32 bits. The same seed gives the same permutations on every worker.
 */
final class MinHasher {

  private static final long MERSENNE_61 = (1L << 61) - 1;

  private final int shingleSize;
  private final long[] a;
  private final long[] b;

  MinHasher(int permutations, int shingleSize, long seed) {
    this.shingleSize = shingleSize;
    SplittableRandom random = new SplittableRandom(seed);
    a = new long[permutations];
    b = new long[permutations];
    for (int i = 0; i < permutations; i++) {
      a[i] = 1 + random.nextLong(MERSENNE_61 - 1);
      b[i] = random.nextLong(MERSENNE_61);
    }
  }

  static List<String> words(String text) {
    String norm = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> words = new ArrayList<>();
    int start = -1;
    for (int i = 0; i < norm.length(); ) {
      int cp = norm.codePointAt(i);
      boolean word = Character.isLetterOrDigit(cp);
      if (word && start < 0) {
        start = i;
      } else if (!word && start >= 0) {
        words.add(norm.substring(start, i));
        start = -1;
      }
      i += Character.charCount(cp);
    }
    if (start >= 0) {
      words.add(norm.substring(start));
    }
    return words;
  }

  /** The distinct 61-bit hashes of the text's shingles, sorted. */
  long[] shingles(String text) {
    List<String> words = words(text);
    int count = Math.max(1, words.size() - shingleSize + 1);
    long[] hashes = new long[count];
    for (int s = 0; s < count; s++) {
      String shingle = String.join(" ", words.subList(s, Math.min(words.size(), s + shingleSize)));
      hashes[s] = mod61(hash64(shingle.getBytes(StandardCharsets.UTF_8)));
    }
    return Arrays.stream(hashes).sorted().distinct().toArray();
  }

  /** Exact Jaccard similarity of two sorted distinct hash sets. */
  static double jaccard(long[] x, long[] y) {
    int i = 0;
    int j = 0;
    int common = 0;
    while (i < x.length && j < y.length) {
      if (x[i] == y[j]) {
        common++;
        i++;
        j++;
      } else if (x[i] < y[j]) {
        i++;
      } else {
        j++;
      }
    }
    int union = x.length + y.length - common;
    return union == 0 ? 1 : (double) common / union;
  }

  int[] signature(String text) {
    return signature(shingles(text));
  }

  int[] signature(long[] shingles) {
    int[] sig = new int[a.length];
    Arrays.fill(sig, -1); // 0xFFFFFFFF: larger than any value, compared unsigned
    for (long x : shingles) {
      for (int i = 0; i < a.length; i++) {
        int h = (int) (mulMod61(a[i], x) + b[i] >= MERSENNE_61
            ? mulMod61(a[i], x) + b[i] - MERSENNE_61 : mulMod61(a[i], x) + b[i]);
        if (Integer.compareUnsigned(h, sig[i]) < 0) {
          sig[i] = h;
        }
      }
    }
    return sig;
  }

  /** The share of equal positions: an estimate of the Jaccard similarity of the shingle sets. */
  static double similarity(int[] x, int[] y) {
    int same = 0;
    for (int i = 0; i < x.length; i++) {
      if (x[i] == y[i]) {
        same++;
      }
    }
    return (double) same / x.length;
  }

  private static long mod61(long x) {
    long r = (x & MERSENNE_61) + (x >>> 61);
    return r >= MERSENNE_61 ? r - MERSENNE_61 : r;
  }

  /** (a * x) mod (2^61 - 1) for a, x < 2^61, through a 122-bit product. */
  private static long mulMod61(long a, long x) {
    long hi = Math.multiplyHigh(a, x);
    long lo = a * x;
    long low61 = lo & MERSENNE_61;
    long high = (lo >>> 61) | (hi << 3);
    long r = low61 + high;
    r = (r & MERSENNE_61) + (r >>> 61);
    return r >= MERSENNE_61 ? r - MERSENNE_61 : r;
  }

  /** 64-bit FNV-1a followed by a murmur3 finaliser (good spread for short strings). */
  private static long hash64(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte v : bytes) {
      h ^= v & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h;
  }
}
