package dev.quarry.search.discovery;

import java.util.List;
import java.util.Map;

/**
 * A dataset a discoverer found: where to read it (its materialization) and what the source says.
 *
 * @param externalId the source's own stable key for it (a path, a portal's dataset/file id)
 * @param location a path, {@code s3://} or {@code http(s)://} location the profiler can read
 * @param version changes whenever the data changes (etag, modification time, revision, checksum)
 * @param metadata anything else worth keeping (landing page, portal ids)
 */
public record DiscoveredDataset(
    String externalId,
    String location,
    String version,
    String name,
    String description,
    List<String> keywords,
    String license,
    Map<String, String> metadata) {

  public DiscoveredDataset {
    if (externalId == null || externalId.isBlank() || location == null || location.isBlank()) {
      throw new IllegalArgumentException("a discovered dataset needs an id and a location");
    }
    keywords = keywords == null ? List.of() : List.copyOf(keywords);
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
