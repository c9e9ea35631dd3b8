package dev.quarry.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.auth.Role;
import dev.quarry.server.auth.UserStore;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Job dispatch against a real database: retries, user failures, cancellation, listing and owner
 * isolation. Runs on H2 ({@link H2JobSuiteTest}) and PostgreSQL ({@link PostgresJobSuiteTest}).
 */
abstract class JobSuite {

  static final String ADMIN_KEY = "qk_test_admin_key_0123456789";
  static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired JobService jobs;
  @Autowired UserStore users;
  @LocalServerPort int port;

  TestApi admin;
  QuarryUser adminUser;

  @BeforeEach
  void setUp() {
    admin = new TestApi(port, ADMIN_KEY);
    adminUser = users.findUserByName("admin").orElseThrow();
  }

  static void common(org.springframework.test.context.DynamicPropertyRegistry r) {
    r.add("quarry.admin-key", () -> ADMIN_KEY);
    r.add("quarry.jobs.retry-backoff", () -> "100ms");
    r.add("quarry.jobs.polling-interval", () -> "200ms");
    r.add("quarry.jobs.heartbeat", () -> "1s");
    r.add("logging.structured.format.console", () -> "");
  }

  @Test
  void transientFailuresAreRetriedWithBackoffUntilTheJobSucceeds() {
    Job job = jobs.submit("flaky", adminUser, null, "{}");
    JsonNode done = admin.awaitJob(job.id(), WAIT);
    assertThat(done.get("status").asString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("attempts").asInt()).isEqualTo(3);
    assertThat(done.get("stage").asString()).isEqualTo("DONE");
    assertThat(done.get("error").isNull()).isTrue();
  }

  @Test
  void aUserErrorFailsAtOnceWithoutRetry() {
    Job job = jobs.submit("invalid", adminUser, null, "{}");
    JsonNode done = admin.awaitJob(job.id(), WAIT);
    assertThat(done.get("status").asString()).isEqualTo("FAILED");
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    assertThat(done.get("error").asString()).isEqualTo("the input is wrong");
  }

  @Test
  void aRunningJobStopsWhenCancelled() {
    Job job = jobs.submit("looping", adminUser, null, "{}");
    admin.await("/api/v1/jobs/" + job.id(), j -> j.get("stage").asString().equals("LOOPING"), WAIT);
    admin.post("/api/v1/jobs/" + job.id() + "/cancel", "").expect(200);
    JsonNode done = admin.awaitJob(job.id(), WAIT);
    assertThat(done.get("status").asString()).isEqualTo("CANCELLED");
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
    // Cancelling an ended job changes nothing.
    assertThat(admin.post("/api/v1/jobs/" + job.id() + "/cancel", "").expect(200).json()
        .get("status").asString()).isEqualTo("CANCELLED");
  }

  @Test
  void jobsAreListedByFilterAndPageAndOnlyToTheirOwner() {
    String name = "user-" + UUID.randomUUID();
    QuarryUser other = users.createUser(name, Role.USER);
    String otherKey = "qk_" + UUID.randomUUID();
    users.addKey(other.id(), otherKey, "test");
    TestApi otherApi = admin.as(otherKey);
    Job mine = jobs.submit("counting", other, null, "{}");
    Job notMine = jobs.submit("counting", adminUser, null, "{}");
    otherApi.awaitJob(mine.id(), WAIT);
    admin.awaitJob(notMine.id(), WAIT);

    JsonNode page = otherApi.get("/api/v1/jobs?type=counting&status=succeeded&page=0&size=100").expect(200).json();
    assertThat(page.get("total").asLong()).isEqualTo(1);
    assertThat(page.get("items").get(0).get("id").asString()).isEqualTo(mine.id());
    otherApi.get("/api/v1/jobs/" + notMine.id()).expect(404);
    otherApi.post("/api/v1/jobs/" + notMine.id() + "/cancel", "").expect(404);
    otherApi.delete("/api/v1/jobs/" + notMine.id()).expect(404);
    assertThat(admin.get("/api/v1/jobs?type=counting&size=1").expect(200).json().get("items").size()).isEqualTo(1);
    assertThat(admin.get("/api/v1/jobs?size=1000").expect(400).json().get("field").asString()).isEqualTo("size");
    admin.get("/api/v1/jobs?status=BOGUS").expect(400);
    admin.get("/api/v1/jobs?page=-1").expect(400);
    admin.get("/api/v1/jobs?page=x").expect(400);
    admin.get("/api/v1/jobs/" + UUID.randomUUID()).expect(404);

    otherApi.delete("/api/v1/jobs/" + mine.id()).expect(204);
    otherApi.get("/api/v1/jobs/" + mine.id()).expect(404);
  }

  @Test
  void aQueuedJobCancelledBeforeItStartsNeverRuns() {
    // Occupy every worker thread so the next job stays queued.
    Job a = jobs.submit("looping", adminUser, null, "{}");
    Job b = jobs.submit("looping", adminUser, null, "{}");
    admin.await("/api/v1/jobs/" + b.id(), j -> j.get("status").asString().equals("RUNNING"), WAIT);
    admin.await("/api/v1/jobs/" + a.id(), j -> j.get("status").asString().equals("RUNNING"), WAIT);
    Job queued = jobs.submit("counting", adminUser, null, "{}");
    JsonNode cancelled = admin.post("/api/v1/jobs/" + queued.id() + "/cancel", "").expect(200).json();
    assertThat(cancelled.get("status").asString()).isEqualTo("CANCELLED");
    admin.post("/api/v1/jobs/" + a.id() + "/cancel", "").expect(200);
    admin.post("/api/v1/jobs/" + b.id() + "/cancel", "").expect(200);
    admin.awaitJob(a.id(), WAIT);
    admin.awaitJob(b.id(), WAIT);
    assertThat(TestJobTypes.EXECUTIONS.get(queued.id())).isNull();
    assertThat(admin.get("/api/v1/jobs/" + queued.id()).json().get("attempts").asInt()).isZero();
  }

  @Test
  void jobMetricsArePublished() {
    Job job = jobs.submit("invalid", adminUser, null, "{}");
    admin.awaitJob(job.id(), WAIT);
    String metrics = admin.get("/actuator/prometheus").expect(200).body();
    assertThat(metrics).contains("quarry_jobs_submitted_total{type=\"invalid\"}");
    assertThat(metrics).contains("quarry_jobs_failures_total{cause=\"user-error\",type=\"invalid\"}");
    assertThat(metrics).contains("quarry_jobs_duration_seconds_bucket{outcome=\"FAILED\",type=\"invalid\"");
    assertThat(metrics).contains("quarry_jobs_running");
    assertThat(metrics).contains("quarry_jobs_queued");
  }
}
