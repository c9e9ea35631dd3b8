package dev.quarry.profile.stats;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The statistics of one table, column by column, mergeable with those of another part of the same
 * table (a byte range, a row group) or of a like file in the same FileSet.
 */
public final class TableStats implements Serializable {

  private static final long serialVersionUID = 1L;

  private final boolean inferFromText;
  private long rows;
  private final LinkedHashMap<String, ColumnStats> columns = new LinkedHashMap<>();
  private final LinkedHashMap<String, Column> declared = new LinkedHashMap<>();
  /** The column stats in schema order, so that the hot loop indexes an array, not a map. */
  private transient ColumnStats[] bySchemaIndex = new ColumnStats[0];

  /**
   * @param inferFromText whether text values should be typed by their shape (CSV, TSV), or kept as
   *     text because the format declared them so (Parquet, Excel, JSON, databases)
   */
  public TableStats(boolean inferFromText) {
    this.inferFromText = inferFromText;
  }

  /** Adds one record; the schema may have grown since the last call (JSON). */
  public void add(Schema schema, Object[] row) {
    if (bySchemaIndex.length != schema.size()) {
      grow(schema);
    }
    rows++;
    ColumnStats[] cols = bySchemaIndex;
    for (int i = 0; i < cols.length; i++) {
      cols[i].add(i < row.length ? row[i] : null, inferFromText);
    }
  }

  /** Registers the schema's columns without a record, so an empty table still lists them. */
  public void declare(Schema schema) {
    if (bySchemaIndex.length != schema.size()) {
      grow(schema);
    }
  }

  private void grow(Schema schema) {
    if (bySchemaIndex == null) {
      bySchemaIndex = new ColumnStats[0];
    }
    ColumnStats[] next = new ColumnStats[schema.size()];
    for (int i = 0; i < schema.size(); i++) {
      Column c = schema.column(i);
      ColumnStats s = columns.get(c.name());
      if (s == null) {
        s = new ColumnStats();
        // Records read before the column appeared had no value for it.
        s.addMissing(rows);
        columns.put(c.name(), s);
        declared.put(c.name(), c);
      }
      next[i] = s;
    }
    bySchemaIndex = next;
  }

  public TableStats merge(TableStats o) {
    for (Map.Entry<String, ColumnStats> e : o.columns.entrySet()) {
      ColumnStats mine = columns.get(e.getKey());
      if (mine == null) {
        mine = new ColumnStats();
        mine.addMissing(rows);
        columns.put(e.getKey(), mine);
        declared.put(e.getKey(), o.declared.get(e.getKey()));
      }
      mine.merge(e.getValue());
    }
    for (Map.Entry<String, ColumnStats> e : columns.entrySet()) {
      if (!o.columns.containsKey(e.getKey())) {
        e.getValue().addMissing(o.rows);
      }
    }
    rows += o.rows;
    bySchemaIndex = new ColumnStats[0]; // columns may have been added: re-index on next add
    return this;
  }

  public long rows() {
    return rows;
  }

  public boolean inferFromText() {
    return inferFromText;
  }

  public List<String> columnNames() {
    return new ArrayList<>(columns.keySet());
  }

  public ColumnStats column(String name) {
    return columns.get(name);
  }

  public Column declaredColumn(String name) {
    return declared.get(name);
  }

  public ValueType declaredType(String name) {
    Column c = declared.get(name);
    return c == null ? ValueType.STRING : c.type();
  }

  private void readObject(java.io.ObjectInputStream in) throws java.io.IOException, ClassNotFoundException {
    in.defaultReadObject();
    bySchemaIndex = new ColumnStats[0];
  }
}
