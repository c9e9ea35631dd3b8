package dev.quarry.bench.service;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario (a): status polls. A few small profile jobs are created (and finished) first, outside the
 * measured load; then an open-model staircase of {@code GET /profiler/job_status/{id}}: a warm-up,
 * then each rate of {@code bench.rates} (requests per second) for {@code bench.stepSeconds}. Every
 * step is its own request name ({@code status @400/s}), so the report gives its p50/p95/p99, and the
 * highest step whose p99 stays under 20 ms is the answer.
 *
 * <p>Properties: quarry.baseUrl, quarry.apiKey, quarry.dataset, bench.rates (400,800,1600,2400,3200),
 * bench.stepSeconds (15), bench.warmupRate (200), bench.warmupSeconds (10), bench.jobs (5),
 * bench.shareConnections (true: a keep-alive pool, as polling clients behave; false: a new
 * connection per poll).
 */
public class StatusPollSimulation extends Simulation {

  private final List<Integer> rates = Bench.intList("bench.rates", "400,800,1600,2400,3200");
  private final int stepSeconds = Bench.intProp("bench.stepSeconds", 15);
  private final int warmupRate = Bench.intProp("bench.warmupRate", 200);
  private final int warmupSeconds = Bench.intProp("bench.warmupSeconds", 10);
  private final int jobCount = Bench.intProp("bench.jobs", 5);
  private final boolean shareConnections = Boolean.parseBoolean(Bench.prop("bench.shareConnections", "true"));

  {
    // Jobs to poll: created and finished before the load, so no profiling runs while we measure.
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < jobCount; i++) {
      ids.add(Bench.submit(false));
    }
    for (String id : ids) {
      Bench.await(id, Duration.ofSeconds(60));
    }
    List<Map<String, Object>> records = ids.stream().<Map<String, Object>>map(id -> Map.of("jobId", id)).toList();

    HttpProtocolBuilder protocol = http.baseUrl(Bench.BASE_URL)
        .header("X-API-Key", Bench.API_KEY)
        .acceptHeader("application/json")
        .userAgentHeader("quarry-bench-gatling");
    if (shareConnections) {
      protocol = protocol.shareConnections();
    }

    List<PopulationBuilder> steps = new ArrayList<>();
    steps.add(poll("warmup", listFeeder(records).circular())
        .injectOpen(constantUsersPerSec(warmupRate).during(warmupSeconds)));
    int offset = warmupSeconds;
    for (int rate : rates) {
      steps.add(poll("status @" + rate + "/s", listFeeder(records).circular())
          .injectOpen(nothingFor(offset), constantUsersPerSec(rate).during(stepSeconds)));
      offset += stepSeconds;
    }
    Bench.report("status.rates", Bench.join(rates), "status.stepSeconds", Integer.toString(stepSeconds),
        "status.jobs", Integer.toString(jobCount), "status.shareConnections", Boolean.toString(shareConnections));

    // A step the server cannot follow queues requests; stop at most 30 s after the last step.
    setUp(steps).protocols(protocol).maxDuration(Duration.ofSeconds(offset + 30L));
  }

  private static ScenarioBuilder poll(String name, io.gatling.javaapi.core.FeederBuilder<Object> feeder) {
    return scenario(name).feed(feeder)
        .exec(http(name).get("/profiler/job_status/#{jobId}").check(status().is(200)));
  }
}
