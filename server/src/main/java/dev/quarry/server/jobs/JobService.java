package dev.quarry.server.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.web.ApiException;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Submitting and managing jobs on behalf of a user. Users see only their own jobs: another user's
 * job is reported as not found, so ids cannot be probed.
 */
@Service
public class JobService {

  private static final Logger LOG = LoggerFactory.getLogger(JobService.class);
  public static final int MAX_PAGE_SIZE = 100;

  private final JobStore store;
  private final JobRunner runner;
  private final Scheduler scheduler;
  private final OneTimeTask<String> task;
  private final JobMetrics metrics;

  public JobService(JobStore store, JobRunner runner, Scheduler scheduler, OneTimeTask<String> quarryJobTask,
      JobMetrics metrics) {
    this.store = store;
    this.runner = runner;
    this.scheduler = scheduler;
    this.task = quarryJobTask;
    this.metrics = metrics;
  }

  /** A page of jobs and how many match in all. */
  public record JobPage(List<Job> items, int page, int size, long total) {}

  /** Stores a QUEUED job and schedules its first attempt now. */
  public Job submit(String type, QuarryUser owner, String datasetId, String specJson) {
    JobType jobType = runner.type(type)
        .orElseThrow(() -> ApiException.badRequest("unknown job type '" + type + "'", "type"));
    Job job = store.create(type, owner.id(), datasetId, specJson, jobType.initialStage());
    try {
      scheduler.schedule(task.instance(job.id(), type), Instant.now());
    } catch (RuntimeException e) {
      // Without an execution the job would wait forever: do not leave it behind.
      store.delete(job.id());
      throw e;
    }
    // The job and its execution are on disk before the client hears of them.
    store.flush();
    metrics.submitted(type);
    LOG.info("job {} ({}) submitted by {}", job.id(), type, owner.name());
    return job;
  }

  /** The job if {@code user} may see it; 404 otherwise. */
  public Job get(QuarryUser user, String id) {
    return store.find(id).filter(j -> user.canAccess(j.ownerId()))
        .orElseThrow(() -> ApiException.notFound("no job with id '" + id + "'"));
  }

  public JobPage list(QuarryUser user, JobStatus status, String type, int page, int size) {
    if (page < 0) {
      throw ApiException.badRequest("page must be 0 or more", "page");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw ApiException.badRequest("size must be between 1 and " + MAX_PAGE_SIZE, "size");
    }
    String owner = user.isAdmin() ? null : user.id();
    long offset = (long) page * size;
    if (offset > Integer.MAX_VALUE) {
      throw ApiException.badRequest("page is too large", "page");
    }
    return new JobPage(store.list(owner, status, type, (int) offset, size), page, size,
        store.count(owner, status, type));
  }

  /**
   * Cancels a job: a queued one at once, a running one as soon as it notices (within about a
   * second, on whichever instance runs it). A job that already ended is returned unchanged.
   */
  public Job cancel(QuarryUser user, String id) {
    Job job = get(user, id);
    if (job.status().isTerminal()) {
      return job;
    }
    if (store.cancelIfQueued(id)) {
      unschedule(id);
    } else {
      store.requestCancel(id);
    }
    return store.find(id).orElse(job);
  }

  /** Cancels the job if needed, removes its results and forgets it. */
  public void delete(QuarryUser user, String id) {
    Job job = get(user, id);
    if (!job.status().isTerminal() && !store.cancelIfQueued(id)) {
      store.requestCancel(id);
    }
    unschedule(id);
    store.delete(id);
    runner.type(job.type()).ifPresent(t -> {
      try {
        t.discard(id);
      } catch (IOException e) {
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE,
            "the job was deleted but its results could not all be removed: " + e.getMessage());
      }
    });
  }

  /** Removes a pending execution; one that is running ends by itself once it sees the cancel. */
  private void unschedule(String id) {
    try {
      scheduler.cancel(task.instanceId(id));
    } catch (RuntimeException e) {
      LOG.debug("execution of job {} not removed: {}", id, e.toString());
    }
  }
}
