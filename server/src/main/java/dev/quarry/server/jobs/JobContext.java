package dev.quarry.server.jobs;

import dev.quarry.core.engine.Cancellation;

/** What a running job may tell the service, and ask of it. */
public interface JobContext {

  /** Set when the job is cancelled (by a user, or because the service stops). */
  Cancellation cancellation();

  /** Records a stage change and progress, visible in status responses and metrics. */
  void progress(String stage, long done, long total);

  /** Records how much the job processed, for per-user usage statistics. */
  void usage(long rows, long bytes);
}
