package dev.quarry.transform.spi;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import java.util.ArrayList;
import java.util.List;

/**
 * Some records of one table: rows aligned with {@code schema} (values as {@link ValueType} says).
 * Transforms treat a batch as read-only and build new rows for what they change; rows they pass on
 * unchanged may be shared.
 */
public record Batch(Schema schema, List<Object[]> rows) {

  public Batch {
    rows = List.copyOf(rows);
  }

  public static Batch empty(Schema schema) {
    return new Batch(schema, List.of());
  }

  public int size() {
    return rows.size();
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  /** Index of a column, or an {@link IllegalArgumentException} naming it and the columns there are. */
  public int require(String column) {
    int i = schema.indexOf(column);
    if (i < 0) {
      throw new MissingColumnException(column, schema);
    }
    return i;
  }

  /**
   * A batch with the same rows and more columns at the end (in one copy of the rows); a column
   * whose name exists already is replaced in place.
   */
  public Batch withColumns(List<Column> columns, List<? extends List<?>> values) {
    if (columns.isEmpty()) {
      return this;
    }
    if (columns.size() == 1) {
      return withColumn(columns.get(0), values.get(0));
    }
    List<Column> cols = new ArrayList<>(schema.columns());
    int[] slots = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      if (values.get(c).size() != rows.size()) {
        throw new IllegalArgumentException(values.get(c).size() + " values for " + rows.size() + " rows");
      }
      int existing = indexOf(cols, columns.get(c).name());
      if (existing >= 0) {
        cols.set(existing, columns.get(c));
        slots[c] = existing;
      } else {
        cols.add(columns.get(c));
        slots[c] = cols.size() - 1;
      }
    }
    List<Object[]> copy = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = java.util.Arrays.copyOf(rows.get(r), cols.size());
      for (int c = 0; c < slots.length; c++) {
        row[slots[c]] = values.get(c).get(r);
      }
      copy.add(row);
    }
    return new Batch(new Schema(cols), copy);
  }

  private static int indexOf(List<Column> cols, String name) {
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** A batch with the same rows and one more column at the end, its values from {@code values}. */
  public Batch withColumn(Column column, List<?> values) {
    if (values.size() != rows.size()) {
      throw new IllegalArgumentException(values.size() + " values for " + rows.size() + " rows");
    }
    List<Column> cols = new ArrayList<>(schema.columns());
    int existing = schema.indexOf(column.name());
    int width = existing >= 0 ? cols.size() : cols.size() + 1;
    if (existing >= 0) {
      cols.set(existing, column);
    } else {
      cols.add(column);
    }
    int slot = existing >= 0 ? existing : width - 1;
    List<Object[]> out = new ArrayList<>(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      Object[] copy = java.util.Arrays.copyOf(row, width);
      copy[slot] = values.get(r);
      out.add(copy);
    }
    return new Batch(new Schema(cols), out);
  }

  /** The same schema with other rows. */
  public Batch withRows(List<Object[]> newRows) {
    return new Batch(schema, newRows);
  }

  /** Thrown when a transform needs a column the data does not have: a user mistake. */
  public static final class MissingColumnException extends IllegalArgumentException {
    public MissingColumnException(String column, Schema schema) {
      super("no column '" + column + "' (columns: "
          + String.join(", ", schema.columns().stream().map(Column::name).toList()) + ")");
    }
  }
}
