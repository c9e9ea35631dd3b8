package dev.quarry.server.jobs;

import dev.quarry.core.engine.Cancellation;
import java.util.Objects;

/**
 * A {@link JobContext} that writes to the job's row. Progress within a stage is written at most
 * every {@link #PROGRESS_INTERVAL_NANOS} (a profile reports once per file part, which can be
 * thousands of times a second); stage changes and the last unit are always written.
 */
final class StoredJobContext implements JobContext {

  private static final long PROGRESS_INTERVAL_NANOS = 250_000_000L;

  private final String jobId;
  private final JobStore store;
  private final Cancellation cancellation;
  private String lastStage;
  private long lastWrite;

  StoredJobContext(String jobId, JobStore store, Cancellation cancellation) {
    this.jobId = jobId;
    this.store = store;
    this.cancellation = cancellation;
  }

  @Override
  public Cancellation cancellation() {
    return cancellation;
  }

  @Override
  public synchronized void progress(String stage, long done, long total) {
    long now = System.nanoTime();
    boolean stageChanged = stage != null && !Objects.equals(stage, lastStage);
    if (stageChanged || done >= total || now - lastWrite >= PROGRESS_INTERVAL_NANOS) {
      store.progress(jobId, stage, done, total);
      lastWrite = now;
      if (stage != null) {
        lastStage = stage;
      }
    }
  }

  @Override
  public void usage(long rows, long bytes) {
    store.usage(jobId, rows, bytes);
  }
}
