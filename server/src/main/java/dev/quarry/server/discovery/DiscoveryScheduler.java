package dev.quarry.server.discovery;

import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.auth.UserStore;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Submits a {@code discover} job for every discoverer whose time has come. Each run is a durable
 * job (dispatched by db-scheduler, retried, visible in /api/v1/jobs); several instances may tick,
 * and the one that claims the run in the database submits it.
 */
@Component
public class DiscoveryScheduler implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryScheduler.class);

  private final DiscovererStore store;
  private final JobService jobs;
  private final UserStore users;
  private final JsonMapper json;
  private final Duration tick;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "quarry-discovery");
    t.setDaemon(true);
    return t;
  });

  public DiscoveryScheduler(DiscovererStore store, JobService jobs, UserStore users, JsonMapper json,
      @Value("${quarry.discovery.tick:10s}") Duration tick) {
    this.store = store;
    this.jobs = jobs;
    this.users = users;
    this.json = json;
    this.tick = tick;
  }

  @EventListener(ApplicationReadyEvent.class)
  public void start() {
    timer.scheduleWithFixedDelay(this::runDue, tick.toMillis(), tick.toMillis(), TimeUnit.MILLISECONDS);
  }

  void runDue() {
    try {
      for (DiscovererConfig d : store.due()) {
        if (store.claim(d)) {
          submit(d);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("discovery tick failed: {}", e.toString());
    }
  }

  /** Submits a run of the discoverer now. */
  public Job submit(DiscovererConfig d) {
    QuarryUser owner = users.findUser(d.ownerId())
        .orElseThrow(() -> new IllegalStateException("owner of discoverer " + d.id() + " is gone"));
    Job job = jobs.submit(DiscoveryJobType.NAME, owner, null,
        json.writeValueAsString(new DiscoveryJobType.Spec(d.id())));
    store.ran(d.id(), job.id());
    return job;
  }

  @Override
  public void destroy() {
    timer.shutdownNow();
  }
}
