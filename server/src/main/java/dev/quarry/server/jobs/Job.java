package dev.quarry.server.jobs;

import java.time.Instant;

/**
 * One unit of work as stored in the {@code jobs} table.
 *
 * @param type the job type's name ({@code profile}, ...)
 * @param spec the job's parameters as JSON
 * @param stage a type-specific step name (for profiles: SUBMITTING, STARTING, LIGHT_PROFILE_READY,
 *     HEAVY_PROFILES_READY, FAILED)
 * @param attempts runs started, less those a graceful shutdown stopped and handed back (see
 *     {@link JobRunner}): a run that died with its instance counts, one stopped by a graceful
 *     shutdown does not
 * @param result JSON naming the result locations, once there are some
 */
public record Job(
    String id,
    String type,
    String ownerId,
    String datasetId,
    String spec,
    JobStatus status,
    String stage,
    long unitsDone,
    long unitsTotal,
    int attempts,
    boolean cancelRequested,
    String error,
    String result,
    long rowsProcessed,
    long bytesProcessed,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Instant updatedAt) {}
