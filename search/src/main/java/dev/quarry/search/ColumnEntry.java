package dev.quarry.search;

import java.util.List;

/**
 * One column as the index knows it.
 *
 * @param table the record set the column belongs to
 * @param min numeric minimum (for temporal columns, epoch milliseconds), or null
 * @param sketch the join sketch of its values, or null when none was made (floats, booleans)
 */
public record ColumnEntry(
    String name,
    String table,
    ColumnKind kind,
    String dataType,
    List<String> semanticTypes,
    long distinct,
    Double min,
    Double max,
    List<String> samples,
    ColumnSketch sketch) {

  public ColumnEntry {
    semanticTypes = semanticTypes == null ? List.of() : List.copyOf(semanticTypes);
    samples = samples == null ? List.of() : List.copyOf(samples);
  }

  public ColumnEntry withSketch(ColumnSketch s) {
    return new ColumnEntry(name, table, kind, dataType, semanticTypes, distinct, min, max, samples, s);
  }
}
