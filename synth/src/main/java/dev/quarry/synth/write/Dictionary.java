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

  /** Encoded values as UTF-8, packed end to end: cell {@code id} is {@code bytes[start(id) .. start(id + 1))}. */
  public static final class Cells {
    private final byte[] bytes;
    private final int[] starts;

    private Cells(byte[] bytes, int[] starts) {
      this.bytes = bytes;
      this.starts = starts;
    }

    static Cells of(String[] values, UnaryOperator<String> encode) {
      int[] starts = new int[values.length + 1];
      java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream(values.length * 12);
      for (int i = 0; i < values.length; i++) {
        packed.writeBytes(encode.apply(values[i]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        starts[i + 1] = packed.size();
      }
      return new Cells(packed.toByteArray(), starts);
    }

    public byte[] bytes() {
      return bytes;
    }

    public int start(int id) {
      return starts[id];
    }

    public int length(int id) {
      return starts[id + 1] - starts[id];
    }
  }
}
