package dev.quarry.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Matches two schemas for union: column names compared fuzzily (word by word, abbreviations allowed:
 * {@code pop} ~ {@code population}, {@code CityName} ~ {@code city_name}) among columns of
 * compatible kinds, assigned greedily best pair first, each column used once.
 */
public final class SchemaMatcher {

  /** Below this similarity two names are not taken for the same column. */
  public static final double MIN_SIMILARITY = 0.7;

  private SchemaMatcher() {}

  /** The matched pairs, best first. */
  public static List<ColumnPair> match(List<ColumnEntry> query, List<ColumnEntry> target) {
    record Candidate(int q, int t, double sim) {}
    List<Candidate> all = new ArrayList<>();
    for (int i = 0; i < query.size(); i++) {
      for (int j = 0; j < target.size(); j++) {
        ColumnEntry a = query.get(i);
        ColumnEntry b = target.get(j);
        if (a.kind() == null || b.kind() == null || !a.kind().compatibleWith(b.kind())) {
          continue;
        }
        double sim = similarity(a.name(), b.name());
        if (sim >= MIN_SIMILARITY) {
          all.add(new Candidate(i, j, sim));
        }
      }
    }
    all.sort(Comparator.comparingDouble(Candidate::sim).reversed());
    Set<Integer> usedQ = new HashSet<>();
    Set<Integer> usedT = new HashSet<>();
    List<ColumnPair> out = new ArrayList<>();
    for (Candidate c : all) {
      if (usedQ.add(c.q)) {
        if (!usedT.add(c.t)) {
          usedQ.remove(c.q);
          continue;
        }
        ColumnEntry t = target.get(c.t);
        out.add(new ColumnPair(query.get(c.q).name(), t.name(), t.table(), "name", c.sim));
      }
    }
    return out;
  }

  /** Similarity of two column names in [0, 1]. */
  public static double similarity(String a, String b) {
    List<String> ta = words(a);
    List<String> tb = words(b);
    if (ta.isEmpty() || tb.isEmpty()) {
      return 0;
    }
    if (String.join("", ta).equals(String.join("", tb))) {
      return 1;
    }
    double whole = ratio(String.join("", ta), String.join("", tb));
    double byWords = (best(ta, tb) + best(tb, ta)) / (ta.size() + tb.size());
    return Math.max(whole, byWords);
  }

  /** A name split into lower-case words at case changes, digits and punctuation. */
  public static List<String> words(String name) {
    List<String> out = new ArrayList<>();
    if (name == null) {
      return out;
    }
    StringBuilder w = new StringBuilder();
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(w, out);
        continue;
      }
      if (w.length() > 0) {
        char p = w.charAt(w.length() - 1);
        boolean camel = Character.isUpperCase(c) && Character.isLowerCase(p);
        boolean digitEdge = Character.isDigit(c) != Character.isDigit(p);
        if (camel || digitEdge) {
          flush(w, out);
        }
      }
      w.append(c);
    }
    flush(w, out);
    return out;
  }

  private static void flush(StringBuilder w, List<String> out) {
    if (w.length() > 0) {
      out.add(w.toString().toLowerCase(Locale.ROOT));
      w.setLength(0);
    }
  }

  private static double best(List<String> from, List<String> to) {
    double sum = 0;
    for (String x : from) {
      double best = 0;
      for (String y : to) {
        best = Math.max(best, wordSimilarity(x, y));
      }
      sum += best;
    }
    return sum;
  }

  private static double wordSimilarity(String x, String y) {
    if (x.equals(y)) {
      return 1;
    }
    String shorter = x.length() <= y.length() ? x : y;
    String longer = shorter == x ? y : x;
    if (shorter.length() >= 3 && longer.startsWith(shorter)) {
      return 0.9; // an abbreviation: temp ~ temperature
    }
    return ratio(x, y);
  }

  /** 1 - Levenshtein distance / length of the longer. */
  static double ratio(String x, String y) {
    int n = x.length();
    int m = y.length();
    if (n == 0 || m == 0) {
      return 0;
    }
    int[] prev = new int[m + 1];
    int[] cur = new int[m + 1];
    for (int j = 0; j <= m; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= n; i++) {
      cur[0] = i;
      for (int j = 1; j <= m; j++) {
        int cost = x.charAt(i - 1) == y.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return 1.0 - (double) prev[m] / Math.max(n, m);
  }
}
