package dev.quarry.slice;

import dev.quarry.slice.lines.GzipRecordFormat;
import dev.quarry.slice.lines.RecordFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of slice formats: every {@link SliceFormat} found by {@link ServiceLoader}, plus
 * {@code <name>.gz} for each byte-record format (read through a gzip random-access index).
 */
public final class SliceFormats {

  private static final Map<String, SliceFormat> BY_NAME = load();
  private static final Map<String, SliceFormat> GZIP = new ConcurrentHashMap<>();

  private SliceFormats() {}

  private static Map<String, SliceFormat> load() {
    Map<String, SliceFormat> formats = new TreeMap<>();
    for (SliceFormat format : ServiceLoader.load(SliceFormat.class, SliceFormats.class.getClassLoader())) {
      formats.put(format.name(), format);
    }
    return formats;
  }

  /** The format called {@code name} (case-insensitive); a {@link SliceException} if none is. */
  public static SliceFormat get(String name) throws SliceException {
    String key = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
    SliceFormat format = BY_NAME.get(key);
    if (format != null) {
      return format;
    }
    if (key.endsWith(".gz")) {
      SliceFormat inner = BY_NAME.get(key.substring(0, key.length() - 3));
      if (inner instanceof RecordFormat records) {
        return GZIP.computeIfAbsent(key, k -> new GzipRecordFormat(records));
      }
    }
    throw new SliceException("unknown slice format '" + name + "'; known: " + String.join(", ", names()));
  }

  /** Every format name, gzip variants included. */
  public static List<String> names() {
    List<String> names = new ArrayList<>();
    for (Map.Entry<String, SliceFormat> e : BY_NAME.entrySet()) {
      names.add(e.getKey());
      if (e.getValue() instanceof RecordFormat) {
        names.add(e.getKey() + ".gz");
      }
    }
    return names;
  }
}
