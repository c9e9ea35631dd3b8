package dev.quarry.server.usage;

import java.util.List;
import java.util.Map;

/**
 * What one user's jobs have consumed.
 *
 * @param jobs all the user's jobs, whatever their type and status
 * @param rowsProcessed rows read by those jobs, as they reported them
 * @param bytesProcessed bytes read by those jobs, as they reported them
 * @param types one entry per job type the user has run, by type name
 */
public record UsageStats(String userId, String userName, long jobs, long rowsProcessed,
    long bytesProcessed, List<TypeUsage> types) {

  /**
   * @param byStatus job counts for every status ({@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED},
   *     {@code FAILED}, {@code CANCELLED}), zero included, so clients need not guess missing keys
   */
  public record TypeUsage(String type, long jobs, Map<String, Long> byStatus, long rowsProcessed,
      long bytesProcessed) {}
}
