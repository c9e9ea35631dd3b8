package dev.quarry.server.jobs;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import dev.quarry.server.QuarryProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Runs one attempt of a job when db-scheduler hands over its execution, and decides what a failed
 * attempt leads to. The {@code jobs} row is the truth about a job; db-scheduler only holds "run
 * this job id at that time", with heartbeats so a dead instance's executions are run again.
 *
 * <ul>
 *   <li>{@link JobFailure}: the input is wrong, FAILED at once, never retried.
 *   <li>any other exception: transient; retried with doubling backoff until {@code maxAttempts},
 *       then FAILED.
 *   <li>cancelled by a user: CANCELLED. Stopped because this instance shuts down: back to QUEUED
 *       and rescheduled at once, for whichever instance runs next, and the attempt does not count.
 * </ul>
 *
 * <p>A job's {@code attempts} counts the runs it started, except those a graceful shutdown stopped
 * and handed back: runs that succeeded, failed, were cancelled, or died with their instance (a
 * killed process or a lost machine, whose job is run again once its heartbeats stop). A job is
 * retried after a transient failure only while {@code attempts < maxAttempts}.
 */
@Component
public class JobRunner {

  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  public static final String FAILED_STAGE = "FAILED";

  private final JobStore store;
  private final Map<String, JobType> types;
  private final CancellationWatcher watcher;
  private final JobMetrics metrics;
  private final QuarryProperties.Jobs settings;

  public JobRunner(JobStore store, List<JobType> types, CancellationWatcher watcher,
      JobMetrics metrics, QuarryProperties properties) {
    this.store = store;
    this.types = types.stream().collect(Collectors.toUnmodifiableMap(JobType::name, Function.identity()));
    this.watcher = watcher;
    this.metrics = metrics;
    this.settings = properties.jobs();
  }

  public Optional<JobType> type(String name) {
    return Optional.ofNullable(types.get(name));
  }

  /** Thrown out of an attempt so that db-scheduler calls {@link #onFailure}. */
  static final class AttemptFailed extends RuntimeException {
    AttemptFailed(Throwable cause) {
      super(cause.toString(), cause);
    }
  }

  /** Thrown out of an attempt that was stopped because this instance is shutting down. */
  static final class StoppedByShutdown extends RuntimeException {
    StoppedByShutdown() {
      super("stopped because the instance shuts down", null, false, false);
    }
  }

  /** One attempt of the job {@code jobId}. */
  public void execute(String jobId) {
    Optional<Job> started = store.startAttempt(jobId);
    if (started.isEmpty()) {
      // Ended, deleted, or cancelled before it started: make a pending cancel final.
      store.find(jobId).filter(j -> !j.status().isTerminal() && j.cancelRequested())
          .ifPresent(j -> store.finish(jobId, JobStatus.CANCELLED, null, null, null));
      return;
    }
    Job job = started.get();
    if (job.attempts() > settings.maxAttempts()) {
      // Earlier attempts died with their process (out of memory, killed): do not loop forever.
      store.finish(jobId, JobStatus.FAILED, FAILED_STAGE, "gave up after " + settings.maxAttempts()
          + " attempts whose worker died", null);
      metrics.failed(job.type(), "worker-died");
      LOG.warn("job {} failed: {} attempts ended with their worker dying", jobId, settings.maxAttempts());
      return;
    }
    MDC.put("jobId", jobId);
    try {
      JobType type = types.get(job.type());
      if (type == null) {
        // Another instance (a newer version) accepted a type this one does not know.
        store.requeue(jobId, null);
        throw new AttemptFailed(new IllegalStateException("unknown job type " + job.type()));
      }
      attempt(job, type);
    } finally {
      MDC.remove("jobId");
    }
  }

  private void attempt(Job job, JobType type) {
    String id = job.id();
    CancellationWatcher.Watched watched = watcher.watch(id);
    metrics.started();
    long t0 = System.nanoTime();
    String outcome = "retry";
    LOG.info("job {} ({}) attempt {} started", id, type.name(), job.attempts());
    try {
      JobType.JobOutcome result = type.run(job, new StoredJobContext(id, store, watched.cancellation()));
      if (watched.cancellation().isCancelled()) {
        outcome = stopped(id, watched);
      } else {
        store.finish(id, JobStatus.SUCCEEDED, result.stage(), null, result.resultJson());
        outcome = JobStatus.SUCCEEDED.name();
        LOG.info("job {} succeeded", id);
      }
    } catch (JobFailure f) {
      if (watched.cancellation().isCancelled()) {
        outcome = stopped(id, watched);
      } else {
        store.finish(id, JobStatus.FAILED, FAILED_STAGE, f.getMessage(), null);
        metrics.failed(type.name(), JobMetrics.USER_ERROR);
        outcome = JobStatus.FAILED.name();
        LOG.info("job {} failed: {}", id, f.getMessage());
      }
    } catch (Exception e) {
      if (watched.cancellation().isCancelled()) {
        outcome = stopped(id, watched);
      } else {
        metrics.failed(type.name(), e.getClass().getName());
        LOG.warn("job {} attempt {} failed", id, job.attempts(), e);
        throw new AttemptFailed(e);
      }
    } finally {
      watcher.release(id);
      metrics.ended(type.name(), outcome, Duration.ofNanos(System.nanoTime() - t0));
      discardIfDeleted(id, type);
    }
  }

  /** Ends a job whose cancellation tripped; returns the outcome for the metrics. */
  private String stopped(String id, CancellationWatcher.Watched watched) {
    if (watched.byShutdown() && store.find(id).map(j -> !j.cancelRequested()).orElse(false)) {
      throw new StoppedByShutdown();
    }
    store.finish(id, JobStatus.CANCELLED, null, "cancelled", null);
    LOG.info("job {} cancelled", id);
    return JobStatus.CANCELLED.name();
  }

  /** A job deleted while it ran may have written results after the delete removed them. */
  private void discardIfDeleted(String id, JobType type) {
    try {
      if (store.find(id).isEmpty()) {
        type.discard(id);
      }
    } catch (Exception e) {
      LOG.warn("cannot discard the results of deleted job {}: {}", id, e.toString());
    }
  }

  /** db-scheduler's failure handler: retry with backoff, or end the job as FAILED. */
  public void onFailure(ExecutionComplete complete, ExecutionOperations<String> operations) {
    String id = complete.getExecution().taskInstance.getId();
    Throwable cause = complete.getCause().orElse(null);
    Instant now = Instant.now();
    if (cause instanceof StoppedByShutdown) {
      store.requeueStopped(id);
      operations.reschedule(complete, now);
      return;
    }
    Job job = store.find(id).orElse(null);
    if (job == null || job.status().isTerminal()) {
      operations.remove();
      return;
    }
    String message = message(cause);
    if (job.attempts() < settings.maxAttempts()) {
      Duration delay = settings.retryBackoff().multipliedBy(1L << Math.min(job.attempts() - 1, 20));
      store.requeue(id, message);
      operations.reschedule(complete, now.plus(delay));
      LOG.info("job {} will retry in {} (attempt {} of {})", id, delay, job.attempts() + 1,
          settings.maxAttempts());
    } else {
      store.finish(id, JobStatus.FAILED, FAILED_STAGE,
          "failed after " + job.attempts() + " attempts: " + message, null);
      operations.remove();
    }
  }

  private static String message(Throwable t) {
    Throwable root = t instanceof AttemptFailed && t.getCause() != null ? t.getCause() : t;
    if (root == null) {
      return "unknown failure";
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
