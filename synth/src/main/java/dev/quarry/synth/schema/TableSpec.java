package dev.quarry.synth.schema;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** One table: how many rows and its fields in declaration (= column) order. */
public record TableSpec(String name, long rows, Map<String, FieldSpec> fields) implements Serializable {

  public TableSpec {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  public FieldSpec field(String fieldName) {
    FieldSpec f = fields.get(fieldName);
    if (f == null) {
      throw new IllegalArgumentException("table " + name + " has no field " + fieldName);
    }
    return f;
  }

  public TableSpec withRows(long newRows) {
    return new TableSpec(name, newRows, fields);
  }
}
