package dev.quarry.core.formats;

import java.util.List;

/** The columns of a table, in order. */
public record Schema(List<Column> columns) implements java.io.Serializable {

  public Schema {
    columns = List.copyOf(columns);
  }

  public int size() {
    return columns.size();
  }

  public Column column(int i) {
    return columns.get(i);
  }

  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
