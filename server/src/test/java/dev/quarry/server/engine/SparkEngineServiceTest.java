package dev.quarry.server.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.QuarryServer;
import dev.quarry.server.jobs.TestApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** {@code quarry.engine.kind=spark}: the service's jobs run on one shared Spark application. */
@SpringBootTest(classes = QuarryServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SparkEngineServiceTest {

  static final String ADMIN_KEY = "qk_test_admin_key_spark_0123456789abc";
  static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir static Path home;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("quarry.home", () -> home.toString());
    r.add("quarry.admin-key", () -> ADMIN_KEY);
    r.add("quarry.jobs.polling-interval", () -> "200ms");
    r.add("quarry.rate-limit.enabled", () -> "false");
    r.add("quarry.synth.stream-row-limit", () -> "1000");
    r.add("quarry.synth.fragments", () -> home.resolve("fragments").toString());
    r.add("quarry.engine.kind", () -> "spark");
    r.add("quarry.engine.master", () -> "local[2]");
    r.add("quarry.engine.spark-conf.spark.ui.enabled", () -> "false");
    r.add("logging.structured.format.console", () -> "");
  }

  @LocalServerPort int port;

  @BeforeAll
  static void dataset() throws IOException {
    Path people = Files.createDirectories(home.resolve("datasets/people"));
    StringBuilder csv = new StringBuilder("id,name,age\n");
    for (int i = 0; i < 500; i++) {
      csv.append(i).append(",name").append(i % 37).append(',').append(18 + i % 60).append('\n');
    }
    Files.writeString(people.resolve("people.csv"), csv);
  }

  @Test
  void profileAndSynthJobsRunOnSpark() {
    TestApi api = new TestApi(port, ADMIN_KEY);
    JsonNode r = api.post("/profiler/trigger_profile", """
        {"profile_specification": {"id": "p", "name": "People",
          "data_connectors": [{"type": "RawDataPath", "dataset_id": "people"}]},
         "only_light_profile": false}""").expect(200).json();
    String id = r.get("job_id").asString();
    JsonNode job = api.awaitJob(id, WAIT);
    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    JsonNode profile = api.get("/profiler/profile/" + id).expect(200).json();
    assertThat(profile.get("moma_profile_heavy").toString()).contains("people/age").contains("sc:Integer");

    JsonNode synth = api.post("/api/v1/synth", """
        {"schema": {"seed": 1, "tables": {"t": {"rows": 20000, "fields": {
          "id": {"kind": "sequence"}, "x": {"kind": "int", "min": 1, "max": 9}}}}},
         "format": "csv"}""").expect(202).json();
    JsonNode done = api.awaitJob(synth.get("id").asString(), WAIT);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    // The shard fragments went through quarry.synth.fragments, and the run cleaned up after itself.
    assertThat(home.resolve("fragments")).isDirectory().isEmptyDirectory();
  }
}
