package dev.quarry.search.discovery;

import dev.quarry.core.storage.FileIO;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The discoverer kinds on the class path, by type. */
public final class Discoverers {

  private Discoverers() {}

  public static Map<String, DiscovererProvider> providers() {
    Map<String, DiscovererProvider> out = new TreeMap<>();
    for (DiscovererProvider p : ServiceLoader.load(DiscovererProvider.class)) {
      out.putIfAbsent(p.type(), p);
    }
    return out;
  }

  /** A configured discoverer; {@link IllegalArgumentException} for an unknown type or bad settings. */
  public static Discoverer create(String type, Map<String, String> settings, FileIO io) {
    DiscovererProvider p = providers().get(type);
    if (p == null) {
      throw new IllegalArgumentException("unknown discoverer type '" + type + "'; known: "
          + providers().keySet());
    }
    return p.create(settings, io);
  }

  static String required(Map<String, String> settings, String key, String type) {
    String v = settings.get(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(type + " discoverer: setting '" + key + "' is required");
    }
    return v.strip();
  }
}
