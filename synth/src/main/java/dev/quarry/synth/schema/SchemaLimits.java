package dev.quarry.synth.schema;

/**
 * Bounds a schema must respect. Callers that accept schemas from users (REST, CLI without a job)
 * pass their own; {@link #DEFAULT} allows what one machine can generate in reasonable time.
 *
 * @param maxRowsPerTable rows a single table may declare
 * @param maxRegexLength longest string a regex field may ever produce; unbounded quantifiers are
 *     capped so that the pattern's longest output stays within it
 * @param maxRegexRepeat the most repetitions an unbounded quantifier ({@code *}, {@code +}, {@code
 *     {n,}}) may produce; lowered further for nested quantifiers to respect {@code maxRegexLength}
 */
public record SchemaLimits(long maxRowsPerTable, int maxRegexLength, int maxRegexRepeat) {

  public static final SchemaLimits DEFAULT = new SchemaLimits(10_000_000_000L, 4096, 16);

  public SchemaLimits {
    if (maxRowsPerTable < 0 || maxRegexLength < 1 || maxRegexRepeat < 1) {
      throw new IllegalArgumentException("schema limits must be positive");
    }
  }

  public SchemaLimits withMaxRowsPerTable(long rows) {
    return new SchemaLimits(rows, maxRegexLength, maxRegexRepeat);
  }
}
