package dev.quarry.core.formats.jdbc;

import java.util.List;

/**
 * A foreign key of a table: {@code columns} reference {@code refColumns} of {@code refTable},
 * position by position.
 */
public record ForeignKey(
    List<String> columns, String refSchema, String refTable, List<String> refColumns) {

  public ForeignKey {
    columns = List.copyOf(columns);
    refColumns = List.copyOf(refColumns);
    if (columns.size() != refColumns.size()) {
      throw new IllegalArgumentException(
          "A foreign key pairs columns: " + columns + " vs " + refColumns);
    }
  }
}
