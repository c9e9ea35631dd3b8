package dev.quarry.profile.stats;

import dev.quarry.profile.stats.ColumnStats.ValueCount;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.datasketches.common.ArrayOfNumbersSerDe;
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * Distinct and most frequent values of a column. Values are keyed by kind: integers as {@code Long},
 * floats as {@code Double}, everything else as its text, so typed columns (Parquet, JSON) never pay
 * for number formatting and {@code 1.0} and {@code 1.00} count as one value. While a column has few distinct values they are
 * counted exactly in one hash map, which gives exact distinct counts and exact top values at the
 * cost of a single lookup per value. Past {@link #EXACT_LIMIT} distinct values the map is folded
 * into an HLL sketch (distinct count) and a frequent-items sketch (top values), and those take
 * over; both merge across workers, so a split file gives the same answer up to sketch error.
 */
final class ValueCounts implements Serializable {

  private static final long serialVersionUID = 1L;

  static final int EXACT_LIMIT = ColumnStats.EXACT_DISTINCT_LIMIT;
  private static final int HLL_LG_K = 12;
  private static final int TOP_MAP_SIZE = 256;

  /** Exact counts, or null once the column has too many distinct values. */
  private HashMap<Object, long[]> exact = new HashMap<>();
  private transient HllSketch hll;
  private transient ItemsSketch<String> top;
  private transient ItemsSketch<Number> topNumbers;

  /** Adds a String, Long or Double value. */
  void add(Object value) {
    if (exact != null) {
      long[] c = exact.get(value);
      if (c != null) {
        c[0]++;
        return;
      }
      exact.put(value, new long[] {1});
      if (exact.size() > EXACT_LIMIT) {
        spill();
      }
      return;
    }
    update(value, 1);
  }

  private void update(Object value, long count) {
    if (value instanceof Long l) {
      hll.update(l);
      topNumbers.update(l, count);
    } else if (value instanceof Double d) {
      hll.update(d);
      topNumbers.update(d, count);
    } else {
      String t = (String) value;
      hll.update(t);
      top.update(t, count);
    }
  }

  /** Byte values only count towards distinct values (they make poor top values). */
  void addBytes(byte[] value) {
    if (exact != null) {
      add(java.util.HexFormat.of().formatHex(value));
      return;
    }
    hll.update(value);
  }

  private void spill() {
    hll = new HllSketch(HLL_LG_K, TgtHllType.HLL_8);
    top = new ItemsSketch<>(TOP_MAP_SIZE);
    topNumbers = new ItemsSketch<>(TOP_MAP_SIZE);
    for (Map.Entry<Object, long[]> e : exact.entrySet()) {
      update(e.getKey(), e.getValue()[0]);
    }
    exact = null;
  }

  ValueCounts merge(ValueCounts o) {
    if (exact != null && o.exact != null) {
      for (Map.Entry<Object, long[]> e : o.exact.entrySet()) {
        long[] c = exact.get(e.getKey());
        if (c == null) {
          exact.put(e.getKey(), new long[] {e.getValue()[0]});
        } else {
          c[0] += e.getValue()[0];
        }
      }
      if (exact.size() > EXACT_LIMIT) {
        spill();
      }
      return this;
    }
    if (exact != null) {
      spill();
    }
    if (o.exact != null) {
      for (Map.Entry<Object, long[]> e : o.exact.entrySet()) {
        update(e.getKey(), e.getValue()[0]);
      }
      return this;
    }
    Union union = new Union(HLL_LG_K);
    union.update(hll);
    union.update(o.hll);
    hll = union.getResult(TgtHllType.HLL_8);
    top.merge(o.top);
    topNumbers.merge(o.topNumbers);
    return this;
  }

  boolean isExact() {
    return exact != null;
  }

  long distinct() {
    return exact != null ? exact.size() : Math.round(hll.getEstimate());
  }

  /** Most frequent first; exact counts while exact, else sketch estimates without false positives. */
  List<ValueCount> top(int k) {
    List<ValueCount> out = new ArrayList<>();
    if (exact != null) {
      exact.entrySet().stream()
          .map(e -> new ValueCount(text(e.getKey()), e.getValue()[0]))
          .sorted(Comparator.comparingLong(ValueCount::count).reversed()
              .thenComparing(ValueCount::value))
          .limit(k)
          .forEach(out::add);
      return out;
    }
    for (ItemsSketch.Row<String> r : top.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) {
      out.add(new ValueCount(r.getItem(), r.getEstimate()));
    }
    for (ItemsSketch.Row<Number> r : topNumbers.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) {
      out.add(new ValueCount(text(r.getItem()), r.getEstimate()));
    }
    out.sort(Comparator.comparingLong(ValueCount::count).reversed());
    return out.size() > k ? new ArrayList<>(out.subList(0, k)) : out;
  }

  Set<String> exactValues() {
    if (exact == null) {
      return Set.of();
    }
    Set<String> out = new java.util.HashSet<>();
    exact.keySet().forEach(k -> out.add(text(k)));
    return out;
  }

  /** How a value is shown: integral doubles without a trailing ".0" only when they are Longs. */
  static String text(Object key) {
    return String.valueOf(key);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    if (exact == null) {
      byte[] h = hll.toCompactByteArray();
      byte[] t = top.toByteArray(new ArrayOfStringsSerDe());
      byte[] n = topNumbers.toByteArray(new ArrayOfNumbersSerDe());
      for (byte[] b : new byte[][] {h, t, n}) {
        out.writeInt(b.length);
        out.write(b);
      }
    }
  }

  private static byte[] readBytes(ObjectInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (exact == null) {
      hll = HllSketch.heapify(readBytes(in));
      top = ItemsSketch.getInstance(Memory.wrap(readBytes(in)), new ArrayOfStringsSerDe());
      topNumbers = ItemsSketch.getInstance(Memory.wrap(readBytes(in)), new ArrayOfNumbersSerDe());
    }
  }
}
