package dev.quarry.server.jobs;

/**
 * A kind of job the service runs (profile now; synthesis, slicing, transforms later). Found as
 * Spring beans; {@link #name()} is the {@code type} stored with each job.
 */
public interface JobType {

  String name();

  /**
   * Runs one attempt of the job. Must be safe to run again after a crash: results are written
   * atomically to locations derived from the job id, so a re-run replaces, never duplicates.
   *
   * @throws JobFailure for failures that another attempt cannot fix (bad input); any other
   *     exception is transient and the job is retried with backoff
   */
  JobOutcome run(Job job, JobContext context) throws Exception;

  /** The stage a job of this type shows while it waits to start. */
  default String initialStage() {
    return "QUEUED";
  }

  /**
   * Removes whatever results and temporary files the job left (the job was deleted, or deleted
   * while it ran). Must succeed when there is nothing to remove.
   */
  default void discard(String jobId) throws java.io.IOException {}

  /** What a finished attempt leaves: the stage to end in and the result locations as JSON. */
  record JobOutcome(String stage, String resultJson) {}
}
