package dev.quarry.core.formats.jdbc;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.Table;
import java.io.IOException;

/** A database table or view read through its catalog's connection. */
final class JdbcTable implements Table {

  private final JdbcCatalog catalog;
  private final DbTable table;

  JdbcTable(JdbcCatalog catalog, DbTable table) {
    this.catalog = catalog;
    this.table = table;
  }

  @Override
  public String name() {
    return table.name();
  }

  @Override
  public Schema schema() {
    return table.toSchema();
  }

  @Override
  public RecordReader open() throws IOException {
    return catalog.openReader(table);
  }

  @Override
  public String toString() {
    return "JdbcTable[" + catalog.qualifiedName(table) + "]";
  }
}
