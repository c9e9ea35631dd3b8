package dev.quarry.server.jobs;

import dev.quarry.core.engine.Cancellation;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Trips the {@link Cancellation} of the jobs running on this instance when their
 * {@code cancel_requested} flag is set (by any instance: the flag lives in the database) or when
 * this instance shuts down. One shared thread polls the flags of all running jobs.
 */
@Component
public class CancellationWatcher implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(CancellationWatcher.class);
  static final Duration POLL = Duration.ofMillis(500);

  private final JobStore store;
  private final Map<String, Watched> running = new ConcurrentHashMap<>();
  private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "quarry-cancel-watcher");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean shuttingDown;

  public CancellationWatcher(JobStore store) {
    this.store = store;
    poller.scheduleWithFixedDelay(this::poll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** A running job's cancellation, and why it was tripped. */
  public static final class Watched {
    private final Cancellation cancellation = new Cancellation();
    private volatile boolean byShutdown;

    public Cancellation cancellation() {
      return cancellation;
    }

    /** True when the job was stopped because this instance stops, not because a user asked. */
    public boolean byShutdown() {
      return byShutdown;
    }
  }

  public Watched watch(String jobId) {
    Watched w = new Watched();
    running.put(jobId, w);
    if (shuttingDown) {
      w.byShutdown = true;
      w.cancellation.cancel();
    }
    return w;
  }

  public void release(String jobId) {
    running.remove(jobId);
  }

  /** Stops every running job so this instance can shut down; their executions are re-queued. */
  public void shutdown() {
    shuttingDown = true;
    running.values().forEach(w -> {
      w.byShutdown = true;
      w.cancellation.cancel();
    });
  }

  private void poll() {
    for (Map.Entry<String, Watched> e : running.entrySet()) {
      if (e.getValue().cancellation.isCancelled()) {
        continue;
      }
      try {
        // A deleted job reads as cancelled: nobody wants its results any more.
        if (store.isCancelRequested(e.getKey())) {
          LOG.info("cancelling job {} on request", e.getKey());
          e.getValue().cancellation.cancel();
        }
      } catch (RuntimeException ex) {
        // The database may be briefly unreachable; the next poll tries again.
        LOG.warn("cannot read the cancel flag of job {}: {}", e.getKey(), ex.toString());
      }
    }
  }

  @Override
  public void destroy() {
    poller.shutdownNow();
  }
}
