package dev.quarry.bench.service;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.asLongAsDuring;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scenario (b): small profile jobs. {@code POST /profiler/trigger_profile} on the tiny dataset at a
 * steady rate ({@code bench.jobRate} per second for {@code bench.jobSeconds}); each virtual user
 * then polls its job's {@code job_status} every {@code bench.pollMillis} until
 * {@code HEAVY_PROFILES_READY} (or FAILED, or {@code bench.jobTimeoutSeconds}). The group
 * "job: submit to HEAVY_PROFILES_READY" times each job end to end as a client sees it; jobs/s
 * completed = completed jobs / (last completion - first submission), written to bench.summaryFile.
 * When that is below the submission rate, the service is saturated and it is the service's capacity.
 */
public class JobSubmitSimulation extends Simulation {

  private final double jobRate = Bench.doubleProp("bench.jobRate", 30);
  private final int jobSeconds = Bench.intProp("bench.jobSeconds", 30);
  private final int pollMillis = Bench.intProp("bench.pollMillis", 250);
  private final int jobTimeoutSeconds = Bench.intProp("bench.jobTimeoutSeconds", 60);

  private static final AtomicLong FIRST_SUBMIT = new AtomicLong(Long.MAX_VALUE);
  private static final AtomicLong LAST_DONE = new AtomicLong(Long.MIN_VALUE);
  private static final AtomicInteger SUBMITTED = new AtomicInteger();
  private static final AtomicInteger COMPLETED = new AtomicInteger();
  private static final AtomicInteger FAILED = new AtomicInteger();

  {
    HttpProtocolBuilder protocol = http.baseUrl(Bench.BASE_URL)
        .header("X-API-Key", Bench.API_KEY)
        .acceptHeader("application/json")
        .contentTypeHeader("application/json")
        .userAgentHeader("quarry-bench-gatling")
        .shareConnections();

    String body = Bench.triggerBody(false);
    ScenarioBuilder jobs = scenario("small profile jobs")
        .group("job: submit to " + Bench.TERMINAL_OK).on(
            exec(session -> {
              FIRST_SUBMIT.accumulateAndGet(System.nanoTime(), Math::min);
              SUBMITTED.incrementAndGet();
              return session.set("stage", "SUBMITTING");
            })
            .exec(http("trigger_profile").post("/profiler/trigger_profile").body(StringBody(body))
                .check(status().is(200), jmesPath("job_id").saveAs("jobId")))
            .exitHereIfFailed()
            .asLongAsDuring(session -> !terminal(session.getString("stage")), Duration.ofSeconds(jobTimeoutSeconds))
            .on(pause(Duration.ofMillis(pollMillis))
                .exec(http("job_status (own job)").get("/profiler/job_status/#{jobId}")
                    .check(status().is(200), jmesPath("status").saveAs("stage"))))
            .exec(session -> {
              if (Bench.TERMINAL_OK.equals(session.getString("stage"))) {
                COMPLETED.incrementAndGet();
                LAST_DONE.accumulateAndGet(System.nanoTime(), Math::max);
                return session;
              }
              FAILED.incrementAndGet();
              return session.markAsFailed();
            }));

    setUp(jobs.injectOpen(constantUsersPerSec(jobRate).during(jobSeconds)))
        .protocols(protocol)
        .maxDuration(Duration.ofSeconds(jobSeconds + jobTimeoutSeconds + 30L));
  }

  private static boolean terminal(String stage) {
    return Bench.TERMINAL_OK.equals(stage) || Bench.FAILED.equals(stage);
  }

  @Override
  public void after() {
    int done = COMPLETED.get();
    double seconds = done == 0 ? 0 : (LAST_DONE.get() - FIRST_SUBMIT.get()) / 1e9;
    Bench.report(
        "jobs.rate", fmt(jobRate),
        "jobs.seconds", Integer.toString(jobSeconds),
        "jobs.submitted", Integer.toString(SUBMITTED.get()),
        "jobs.completed", Integer.toString(done),
        "jobs.failed", Integer.toString(FAILED.get()),
        "jobs.span_seconds", fmt(seconds),
        "jobs.per_second", fmt(seconds == 0 ? 0 : done / seconds));
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
