package dev.quarry.server.jobs;

import dev.quarry.server.QuarryServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The job suite on a real PostgreSQL (embedded). */
@SpringBootTest(classes = {QuarryServer.class, TestJobTypes.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PostgresJobSuiteTest extends JobSuite {

  @TempDir static Path home;
  // Left running to the end of the JVM: the cached Spring context still uses it at shutdown.
  static EmbeddedPostgres postgres;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    r.add("spring.datasource.url", () -> postgres.getJdbcUrl("postgres", "postgres"));
    r.add("spring.datasource.username", () -> "postgres");
    r.add("spring.datasource.password", () -> "postgres");
    r.add("quarry.home", () -> home.toString());
    common(r);
  }
}
