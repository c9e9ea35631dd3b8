package dev.quarry.server.jobs;

import dev.quarry.server.QuarryServer;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The job suite on the embedded H2 database. */
@SpringBootTest(classes = {QuarryServer.class, TestJobTypes.class},
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class H2JobSuiteTest extends JobSuite {

  @TempDir static Path home;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("quarry.home", () -> home.toString());
    common(r);
  }
}
