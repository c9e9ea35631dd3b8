package dev.quarry.server.jobs;

import java.time.Instant;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * A job as the API shows it (its spec may be large, and is not repeated here).
 *
 * @param attempts runs of the job so far: each run started counts, except one that a graceful
 *     shutdown of its instance stopped and handed back to the queue; a run that died with its
 *     instance (killed, crashed) counts
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record JobView(
    String id,
    String type,
    String ownerId,
    String datasetId,
    JobStatus status,
    String stage,
    Progress progress,
    int attempts,
    boolean cancelRequested,
    String error,
    long rowsProcessed,
    long bytesProcessed,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant updatedAt) {

  /** Units done out of a total the job type defines (files, parts, tables). */
  public record Progress(long done, long total) {}

  public static JobView of(Job j) {
    return new JobView(j.id(), j.type(), j.ownerId(), j.datasetId(), j.status(), j.stage(),
        new Progress(j.unitsDone(), j.unitsTotal()), j.attempts(), j.cancelRequested(), j.error(),
        j.rowsProcessed(), j.bytesProcessed(), j.createdAt(), j.startedAt(), j.finishedAt(),
        j.updatedAt());
  }
}
