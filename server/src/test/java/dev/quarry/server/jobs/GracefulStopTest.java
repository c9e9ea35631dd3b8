package dev.quarry.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.QuarryServer;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.auth.UserStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An instance that stops gracefully hands its running jobs back to the queue, and the run it
 * stopped does not count as an attempt: the next instance still has all of {@code maxAttempts} for
 * the job's real failures.
 */
class GracefulStopTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path home;

  @Test
  void aRunStoppedByShutdownDoesNotUseUpAnAttempt() throws Exception {
    String id;
    try (ConfigurableApplicationContext first = start()) {
      QuarryUser admin = first.getBean(UserStore.class).findUserByName("admin").orElseThrow();
      JobStore store = first.getBean(JobStore.class);
      id = first.getBean(JobService.class).submit("interruptible", admin, null, "{}").id();
      String job = id;
      await(store, id, j -> j.status() == JobStatus.RUNNING && "WAITING".equals(j.stage()));
      assertThat(store.find(job).orElseThrow().attempts()).isEqualTo(1);
    } // closing the context stops the scheduler gracefully while the job runs

    // As the stopped instance left it: queued again, started once, no attempt used.
    try (Connection c = DriverManager.getConnection(
            "jdbc:h2:file:" + home.resolve("db/quarry").toAbsolutePath(), "sa", "");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(
            "SELECT status, attempts, started_at, error FROM jobs WHERE id = '" + id + "'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("status")).isEqualTo("QUEUED");
      assertThat(rs.getInt("attempts")).isZero();
      assertThat(rs.getObject("started_at")).isNotNull();
      assertThat(rs.getString("error")).isNull();
    }
    assertThat(TestJobTypes.EXECUTIONS.get(id).get()).isEqualTo(1);

    try (ConfigurableApplicationContext second = start()) {
      JobStore store = second.getBean(JobStore.class);
      Job done = await(store, id, j -> j.status().isTerminal());
      // Two transient failures and a success: three attempts of the three allowed. Had the
      // stopped run counted, the third attempt would have been the last, and failed.
      assertThat(done.status()).as("job %s", done).isEqualTo(JobStatus.SUCCEEDED);
      assertThat(done.attempts()).isEqualTo(3);
      assertThat(TestJobTypes.EXECUTIONS.get(id).get()).isEqualTo(4);
    }
  }

  private static Job await(JobStore store, String id, Predicate<Job> done) throws InterruptedException {
    Instant deadline = Instant.now().plus(WAIT);
    Job job = null;
    while (Instant.now().isBefore(deadline)) {
      job = store.find(id).orElseThrow();
      if (done.test(job)) {
        return job;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("timed out waiting on job " + id + "; last seen " + job);
  }

  private ConfigurableApplicationContext start() {
    return new SpringApplicationBuilder(QuarryServer.class, TestJobTypes.class).run(
        "--server.port=0",
        "--quarry.home=" + home,
        "--quarry.admin-key=qk_test_admin_key_0123456789",
        "--quarry.jobs.max-attempts=3",
        "--quarry.jobs.retry-backoff=100ms",
        "--quarry.jobs.polling-interval=100ms",
        "--quarry.jobs.heartbeat=1s",
        "--logging.structured.format.console=");
  }
}
