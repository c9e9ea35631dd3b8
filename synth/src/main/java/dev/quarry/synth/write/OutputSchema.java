package dev.quarry.synth.write;

import java.util.List;

/** The table a writer writes: its name (for SQL and XML) and columns, in order. */
public record OutputSchema(String table, List<OutputColumn> columns) {
  public OutputSchema {
    columns = List.copyOf(columns);
  }
}
