package dev.quarry.core.formats.json;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The columns of a JSON table as they are discovered: a key seen for the first time is appended; a
 * column's type is the first non-null type seen, widened when later values disagree (INTEGER with
 * FLOAT is FLOAT, INTEGER or FLOAT with DECIMAL is DECIMAL, any other mix is STRING). A column that
 * has held only nulls so far reports STRING.
 */
final class GrowingSchema {

  private final List<String> names = new ArrayList<>();
  private final List<String> paths = new ArrayList<>();
  private final List<ValueType> types = new ArrayList<>(); // null: only nulls seen so far
  private final Map<String, Integer> index = new HashMap<>();
  private Schema snapshot = new Schema(List.of());
  private boolean changed;

  /** The slot of a column, added if new, its type widened by {@code type} (null for a JSON null). */
  int slot(String name, String path, ValueType type) {
    Integer i = index.get(name);
    if (i == null) {
      i = names.size();
      index.put(name, i);
      names.add(name);
      paths.add(path);
      types.add(type);
      changed = true;
    } else if (type != null) {
      ValueType current = types.get(i);
      ValueType widened = current == null ? type : widen(current, type);
      if (widened != current) {
        types.set(i, widened);
        changed = true;
      }
    }
    return i;
  }

  int size() {
    return names.size();
  }

  Schema schema() {
    if (changed) {
      List<Column> columns = new ArrayList<>(names.size());
      for (int i = 0; i < names.size(); i++) {
        ValueType type = types.get(i) == null ? ValueType.STRING : types.get(i);
        columns.add(new Column(names.get(i), type, paths.get(i)));
      }
      snapshot = new Schema(columns);
      changed = false;
    }
    return snapshot;
  }

  static ValueType widen(ValueType a, ValueType b) {
    if (a == b) {
      return a;
    }
    if (isNumber(a) && isNumber(b)) {
      return a == ValueType.DECIMAL || b == ValueType.DECIMAL ? ValueType.DECIMAL : ValueType.FLOAT;
    }
    return ValueType.STRING;
  }

  private static boolean isNumber(ValueType t) {
    return t == ValueType.INTEGER || t == ValueType.FLOAT || t == ValueType.DECIMAL;
  }
}
