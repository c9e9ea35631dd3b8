package dev.quarry.search;

/**
 * A query column and the column of a found dataset it matches.
 *
 * @param match {@code values} (containment of the query column's values, estimated from sketches),
 *     {@code range} (overlap of numeric/temporal ranges) or {@code name} (union: name and type)
 * @param score containment, overlap, or name similarity, in [0, 1]
 */
public record ColumnPair(String queryColumn, String column, String table, String match,
    double score) {}
