package dev.quarry.core.formats;

/**
 * The physical type a reader knows for a column. Text formats (CSV, TSV) report {@link #STRING} and
 * leave type inference to the profiler. Row values use these Java classes: STRING → String,
 * INTEGER → Long, FLOAT → Double, DECIMAL → BigDecimal, BOOLEAN → Boolean, DATE → LocalDate,
 * TIME → LocalTime, DATETIME → LocalDateTime (no zone) or Instant (UTC), BYTES → byte[],
 * NESTED → String holding JSON. Any value may be null.
 */
public enum ValueType {
  STRING,
  INTEGER,
  FLOAT,
  DECIMAL,
  BOOLEAN,
  DATE,
  TIME,
  DATETIME,
  BYTES,
  NESTED
}
