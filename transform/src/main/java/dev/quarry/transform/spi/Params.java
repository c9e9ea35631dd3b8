package dev.quarry.transform.spi;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validated, typed parameter values of one transform (defaults filled in). */
public record Params(Map<String, Object> values) implements Serializable {

  public Params {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public String string(String name) {
    return (String) values.get(name);
  }

  public long integer(String name) {
    return ((Number) values.get(name)).longValue();
  }

  public double number(String name) {
    return ((Number) values.get(name)).doubleValue();
  }

  public boolean bool(String name) {
    return Boolean.TRUE.equals(values.get(name));
  }

  @SuppressWarnings("unchecked")
  public List<String> list(String name) {
    Object v = values.get(name);
    return v == null ? List.of() : (List<String>) v;
  }

  public boolean has(String name) {
    return values.get(name) != null;
  }
}
