package dev.quarry.server.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The job meters: submissions, jobs running on this instance, the queue depth (read from the
 * database, so every instance reports the shared queue), durations and failures.
 */
@Component
public class JobMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(JobMetrics.class);

  /** The failure cause of jobs whose input is at fault, as opposed to an exception class. */
  public static final String USER_ERROR = "user-error";

  private final MeterRegistry registry;
  private final AtomicInteger running = new AtomicInteger();

  public JobMetrics(MeterRegistry registry, JobStore store) {
    this.registry = registry;
    Gauge.builder("quarry.jobs.running", running, AtomicInteger::get)
        .description("jobs running on this instance").register(registry);
    Gauge.builder("quarry.jobs.queued", store, JobMetrics::queued)
        .description("jobs waiting to run, on all instances").register(registry);
  }

  private static double queued(JobStore store) {
    try {
      return store.countByStatus(JobStatus.QUEUED);
    } catch (RuntimeException e) {
      // A scrape must not fail because the database is briefly away; NaN says "unknown".
      LOG.debug("cannot count queued jobs", e);
      return Double.NaN;
    }
  }

  public void submitted(String type) {
    Counter.builder("quarry.jobs.submitted").tag("type", type).register(registry).increment();
  }

  public void started() {
    running.incrementAndGet();
  }

  /** An attempt ended; {@code outcome} is the job status it left (or {@code retry}). */
  public void ended(String type, String outcome, Duration took) {
    running.decrementAndGet();
    Timer.builder("quarry.jobs.duration").tag("type", type).tag("outcome", outcome)
        .publishPercentileHistogram().register(registry).record(took);
  }

  /** A failed attempt: {@code cause} is the exception's class name or {@link #USER_ERROR}. */
  public void failed(String type, String cause) {
    Counter.builder("quarry.jobs.failures").tag("type", type).tag("cause", cause)
        .register(registry).increment();
  }
}
