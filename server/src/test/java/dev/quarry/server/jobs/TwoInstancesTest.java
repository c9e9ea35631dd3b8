package dev.quarry.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.QuarryServer;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.auth.UserStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Two service instances share one PostgreSQL queue: every job runs exactly once, never twice at once. */
class TwoInstancesTest {

  @TempDir Path home;

  @Test
  void everyJobRunsExactlyOnceAcrossInstances() throws Exception {
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
      String url = pg.getJdbcUrl("postgres", "postgres");
      try (ConfigurableApplicationContext a = start(url, home.resolve("a"));
          ConfigurableApplicationContext b = start(url, home.resolve("b"))) {
        JobService submitA = a.getBean(JobService.class);
        JobService submitB = b.getBean(JobService.class);
        QuarryUser admin = a.getBean(UserStore.class).findUserByName("admin").orElseThrow();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
          ids.add((i % 2 == 0 ? submitA : submitB).submit("counting", admin, null, "{}").id());
        }
        JobStore store = a.getBean(JobStore.class);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)
            && ids.stream().anyMatch(id -> !store.find(id).orElseThrow().status().isTerminal())) {
          Thread.sleep(100);
        }
        for (String id : ids) {
          Job job = store.find(id).orElseThrow();
          assertThat(job.status()).as(id).isEqualTo(JobStatus.SUCCEEDED);
          assertThat(job.attempts()).as(id).isEqualTo(1);
          assertThat(TestJobTypes.EXECUTIONS.get(id).get()).as(id).isEqualTo(1);
          assertThat(TestJobTypes.MAX_CONCURRENT.get(id)).as(id).isEqualTo(1);
        }
      }
    }
  }

  private static ConfigurableApplicationContext start(String url, Path home) {
    return new SpringApplicationBuilder(QuarryServer.class, TestJobTypes.class).run(
        // Command-line arguments: they win over application.yml (default properties would not).
        "--server.port=0",
        "--spring.datasource.url=" + url,
        "--spring.datasource.username=postgres",
        "--spring.datasource.password=postgres",
        "--quarry.home=" + home,
        "--quarry.admin-key=qk_test_admin_key_0123456789",
        "--quarry.jobs.polling-interval=100ms",
        "--quarry.jobs.threads=4",
        "--logging.structured.format.console=");
  }
}
