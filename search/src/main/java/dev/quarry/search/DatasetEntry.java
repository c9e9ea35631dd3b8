package dev.quarry.search;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the catalog indexes about one dataset: its description, where it is, its coverage in time and
 * space, and its columns with their statistics and join sketches.
 *
 * @param location where the data is (materialization: a path, {@code s3://} or {@code http(s)://})
 * @param source who brought it in: {@code upload}, {@code api}, or a discoverer's name
 * @param metadata anything else a discoverer recorded (portal ids, landing pages)
 */
public record DatasetEntry(
    String id,
    String name,
    String description,
    List<String> keywords,
    String source,
    String license,
    List<String> formats,
    String location,
    long rows,
    List<ColumnEntry> columns,
    TimeRange temporal,
    BoundingBox spatial,
    Map<String, String> metadata,
    Instant indexedAt) {

  public DatasetEntry {
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a dataset entry needs an id");
    }
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    formats = formats == null ? List.of() : List.copyOf(formats);
    columns = columns == null ? List.of() : List.copyOf(columns);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  public List<String> semanticTypes() {
    return columns.stream().flatMap(c -> c.semanticTypes().stream()).distinct().toList();
  }

  public DatasetEntry withId(String newId) {
    return new DatasetEntry(newId, name, description, keywords, source, license, formats, location,
        rows, columns, temporal, spatial, metadata, indexedAt);
  }
}
