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
import org.apache.datasketches.common.ArrayOfStringsSerDe;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.ItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.datasketches.memory.Memory;

/**
 * Distinct and most frequent values of a column. While a column has few distinct values they are
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
  private HashMap<String, long[]> exact = new HashMap<>();
  private transient HllSketch hll;
  private transient ItemsSketch<String> top;

  void add(String value) {
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
    hll.update(value);
    top.update(value);
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
    for (Map.Entry<String, long[]> e : exact.entrySet()) {
      hll.update(e.getKey());
      top.update(e.getKey(), e.getValue()[0]);
    }
    exact = null;
  }

  ValueCounts merge(ValueCounts o) {
    if (exact != null && o.exact != null) {
      for (Map.Entry<String, long[]> e : o.exact.entrySet()) {
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
      for (Map.Entry<String, long[]> e : o.exact.entrySet()) {
        hll.update(e.getKey());
        top.update(e.getKey(), e.getValue()[0]);
      }
      return this;
    }
    Union union = new Union(HLL_LG_K);
    union.update(hll);
    union.update(o.hll);
    hll = union.getResult(TgtHllType.HLL_8);
    top.merge(o.top);
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
          .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
              .thenComparing(Map.Entry::getKey))
          .limit(k)
          .forEach(e -> out.add(new ValueCount(e.getKey(), e.getValue()[0])));
      return out;
    }
    for (ItemsSketch.Row<String> r : top.getFrequentItems(ErrorType.NO_FALSE_POSITIVES)) {
      if (out.size() >= k) {
        break;
      }
      out.add(new ValueCount(r.getItem(), r.getEstimate()));
    }
    return out;
  }

  Set<String> exactValues() {
    return exact == null ? Set.of() : Set.copyOf(exact.keySet());
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    if (exact == null) {
      byte[] h = hll.toCompactByteArray();
      byte[] t = top.toByteArray(new ArrayOfStringsSerDe());
      out.writeInt(h.length);
      out.write(h);
      out.writeInt(t.length);
      out.write(t);
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    if (exact == null) {
      byte[] h = new byte[in.readInt()];
      in.readFully(h);
      byte[] t = new byte[in.readInt()];
      in.readFully(t);
      hll = HllSketch.heapify(h);
      top = ItemsSketch.getInstance(Memory.wrap(t), new ArrayOfStringsSerDe());
    }
  }
}
