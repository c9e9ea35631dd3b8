package dev.quarry.synth.write;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * Strings that many rows share by index (an enum's values, a faker pool): a {@link ColumnVector}
 * of {@link ColumnVector.Form#DICTIONARY} holds ids into one. A writer asks once for the values
 * encoded its way ({@link #cells}) and copies a cell per row. The encodings are kept here, so every
 * shard's writer in the JVM shares them, and packed into one array, because looking up a few
 * random cells per row among tens of thousands of separate objects would miss the cache each time.
 * Thread-safe; the values must not change.
 */
public final class Dictionary {

  private final String[] values;
  private final Map<Object, Cells> encodings = new ConcurrentHashMap<>();

  public Dictionary(String[] values) {
    this.values = values.clone();
  }

  public int size() {
    return values.length;
  }

  public String get(int id) {
    return values[id];
  }

  /**
   * The values as cells of one encoding, made on first request for {@code key} (which must stand
   * for {@code encode}: a record of the format and its settings) and shared afterwards.
   */
  public Cells cells(Object key, UnaryOperator<String> encode) {
    Cells cells = encodings.get(key);
    if (cells == null) {
      // Racing threads compute the same cells; one is kept.
      cells = Cells.of(values, encode);
      Cells raced = encodings.putIfAbsent(key, cells);
      cells = raced == null ? cells : raced;
    }
    return cells;
  }

  /**
   * Encoded values as UTF-8 in one array, each distinct cell once (a pool of 65,536 first names
   * holds about 5,000 different ones, which then stay in cache), and where each id's cell lies.
   */
  public static final class Cells {
    /** Cells of up to 255 bytes starting below 8 MiB: start << 8 | length, in one non-negative int per id. */
    private static final int LENGTH_BITS = 8;

    private final byte[] bytes;
    private final int[] spans;
    /** Used instead of {@link #spans} when some cell does not fit them: start << 32 | length. */
    private final long[] wideSpans;

    private Cells(byte[] bytes, int[] spans, long[] wideSpans) {
      this.bytes = bytes;
      this.spans = spans;
      this.wideSpans = wideSpans;
    }

    static Cells of(String[] values, UnaryOperator<String> encode) {
      java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
      Map<String, Integer> seen = new java.util.HashMap<>();
      long[] wide = new long[values.length];
      boolean narrow = true;
      for (int i = 0; i < values.length; i++) {
        byte[] cell = encode.apply(values[i]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Integer start = seen.get(values[i]);
        if (start == null) {
          start = packed.size();
          seen.put(values[i], start);
          packed.writeBytes(cell);
        }
        wide[i] = (long) start << 32 | cell.length;
        narrow &= cell.length < (1 << LENGTH_BITS) && start < (1 << (32 - LENGTH_BITS - 1));
      }
      if (!narrow) {
        return new Cells(packed.toByteArray(), null, wide);
      }
      int[] spans = new int[values.length];
      for (int i = 0; i < values.length; i++) {
        spans[i] = (int) (wide[i] >>> 32) << LENGTH_BITS | (int) wide[i];
      }
      return new Cells(packed.toByteArray(), spans, null);
    }

    public byte[] bytes() {
      return bytes;
    }

    public int start(int id) {
      return spans != null ? spans[id] >>> LENGTH_BITS : (int) (wideSpans[id] >>> 32);
    }

    public int length(int id) {
      return spans != null ? spans[id] & ((1 << LENGTH_BITS) - 1) : (int) wideSpans[id];
    }
  }
}
