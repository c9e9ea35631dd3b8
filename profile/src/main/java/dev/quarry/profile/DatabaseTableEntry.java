package dev.quarry.profile;

import java.util.List;

/** A table or view of a profiled database, as listed in the light profile. */
public record DatabaseTableEntry(
    String id,
    String schema,
    String name,
    String kind,
    long rows,
    List<String> columns,
    List<String> primaryKey) {

  public DatabaseTableEntry {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
  }
}
