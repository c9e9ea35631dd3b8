package dev.quarry.core.formats.parquet;

/**
 * What a Parquet footer records about one column, for a row group or (merged) for the whole file.
 * Values are in the column's Quarry Java class (see {@link dev.quarry.core.formats.ValueType}).
 *
 * @param column the column's name, as in the table's schema
 * @param min the smallest non-null value, or null when not recorded or every value is null
 * @param max the largest non-null value, or null when not recorded or every value is null
 * @param nullCount nulls in the column, or -1 when the writer did not record it
 */
public record ParquetColumnStats(String column, Object min, Object max, long nullCount) {

  public boolean hasMinMax() {
    return min != null && max != null;
  }

  public boolean hasNullCount() {
    return nullCount >= 0;
  }
}
