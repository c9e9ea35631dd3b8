package dev.quarry.profile;

import java.util.List;

/**
 * One field of a record set: where it comes from, its Croissant data type, what it means and its
 * statistics.
 *
 * @param column the source column (CSV header, Parquet/Excel/DB column), or null for JSON
 * @param jsonPath the JSON path for JSON sources, else null
 * @param dataType the Croissant storage type ({@code sc:Integer}, {@code sc:Text}, ...)
 */
public record FieldProfile(
    String id,
    String name,
    String column,
    String jsonPath,
    String dataType,
    List<SemanticType> semanticTypes,
    FieldStatistics statistics,
    TemporalCoverage temporal,
    SpatialCoverage spatial,
    List<String> warnings) {

  public FieldProfile {
    semanticTypes = List.copyOf(semanticTypes);
    warnings = List.copyOf(warnings);
  }
}
