package dev.quarry.transform.run;

import dev.quarry.transform.spi.TransformSpec;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The transforms on the class path, by name (found through {@link ServiceLoader}). */
public final class Transforms {

  private static volatile Map<String, TransformSpec> all;

  private Transforms() {}

  public static Map<String, TransformSpec> all() {
    Map<String, TransformSpec> found = all;
    if (found == null) {
      Map<String, TransformSpec> byName = new TreeMap<>();
      for (TransformSpec spec : ServiceLoader.load(TransformSpec.class, Transforms.class.getClassLoader())) {
        byName.put(spec.name(), spec);
      }
      all = found = java.util.Collections.unmodifiableMap(byName);
    }
    return found;
  }

  /** The transform called {@code name}, or an {@link InvalidJobException} listing the known ones. */
  public static TransformSpec get(String name) {
    TransformSpec spec = all().get(name);
    if (spec == null) {
      throw new InvalidJobException(
          "transform", "unknown transform '" + name + "' (known: " + String.join(", ", all().keySet()) + ")");
    }
    return spec;
  }
}
