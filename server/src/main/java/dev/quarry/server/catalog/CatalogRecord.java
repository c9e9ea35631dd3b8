package dev.quarry.server.catalog;

import java.time.Instant;
import java.util.Map;

/**
 * A dataset's place in the catalog: its indexing state and where it came from.
 *
 * @param status {@code queued} (a profile job will index it), {@code indexed}, or {@code failed}
 *     (with {@code error})
 * @param discovererId the discoverer that brought it in, or null
 * @param externalId the discoverer's own key for it (a path, a portal's dataset id)
 * @param version what the discoverer last saw (etag, modification time, portal revision)
 */
public record CatalogRecord(
    String datasetId,
    String source,
    String location,
    String jobId,
    String status,
    String error,
    Map<String, String> metadata,
    String discovererId,
    String externalId,
    String version,
    Instant indexedAt,
    Instant updatedAt) {

  public static final String QUEUED = "queued";
  public static final String INDEXED = "indexed";
  public static final String FAILED = "failed";

  public CatalogRecord {
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
