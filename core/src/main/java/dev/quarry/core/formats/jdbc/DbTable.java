package dev.quarry.core.formats.jdbc;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import java.util.List;
import java.util.Objects;

/**
 * A table or view of a database, as {@link java.sql.DatabaseMetaData} describes it.
 *
 * @param catalog the catalog (database in MySQL, PostgreSQL and DuckDB), or null where the
 *     database has none (SQLite)
 * @param schema the schema, or null where the database has none (SQLite, MySQL)
 * @param primaryKey the primary key's columns in key order; empty for views and keyless tables
 */
public record DbTable(
    String catalog,
    String schema,
    String name,
    Kind kind,
    List<DbColumn> columns,
    List<String> primaryKey,
    List<ForeignKey> foreignKeys) {

  /** What a profiler treats differently: views have no keys and may be costly to scan. */
  public enum Kind {
    TABLE,
    VIEW
  }

  public DbTable {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    foreignKeys = List.copyOf(foreignKeys);
  }

  /** The columns as the format layer sees them. */
  public Schema toSchema() {
    return new Schema(columns.stream().map(c -> Column.of(c.name(), c.valueType())).toList());
  }
}
