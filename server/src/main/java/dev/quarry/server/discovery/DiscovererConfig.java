package dev.quarry.server.discovery;

import java.time.Instant;
import java.util.Map;

/** A configured discoverer: a plugin type, its settings, and when it runs. */
public record DiscovererConfig(
    String id,
    String ownerId,
    String name,
    String type,
    Map<String, String> settings,
    long intervalSeconds,
    Instant nextRunAt,
    Instant lastRunAt,
    String lastJobId,
    Instant createdAt) {

  public DiscovererConfig {
    settings = settings == null ? Map.of() : Map.copyOf(settings);
  }
}
