package dev.quarry.server.profiles;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.QuarryServer;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.auth.Role;
import dev.quarry.server.auth.UserStore;
import dev.quarry.server.jobs.TestApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The seed profiler's routes and /api/v1 profiles and datasets, over HTTP, on real data. */
@SpringBootTest(classes = QuarryServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProfilerRoutesTest {

  static final String ADMIN_KEY = "qk_test_admin_key_0123456789";
  static final String DB_PASSWORD = "s3cret-Pa55word";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path home;
  @TempDir static Path outside;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) throws Exception {
    Path data = home.resolve("datasets");
    Files.createDirectories(data.resolve("titanic"));
    Path source = Path.of("../profile/src/test/resources/conformance/titanic/data");
    try (Stream<Path> files = Files.list(source)) {
      for (Path f : files.toList()) {
        Files.copy(f, data.resolve("titanic").resolve(f.getFileName()));
      }
    }
    Files.createDirectories(data.resolve("empty-file"));
    Files.writeString(data.resolve("empty-file/data.parquet"), "");
    Files.createDirectories(data.resolve("junk"));
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    Files.write(data.resolve("junk/data.parquet"), junk);
    Files.writeString(outside.resolve("secret.csv"), "a,b\n1,2\n");
    Files.createSymbolicLink(data.resolve("escape"), outside);

    String dbUrl = "jdbc:h2:file:" + outside.resolve("salesdb").toAbsolutePath();
    try (var c = DriverManager.getConnection(dbUrl, "sales", DB_PASSWORD); var s = c.createStatement()) {
      s.execute("CREATE TABLE orders (id INT PRIMARY KEY, amount DECIMAL(10,2), city VARCHAR(50))");
      s.execute("INSERT INTO orders VALUES (1, 10.5, 'Athens'), (2, 20.25, 'Paris'), (3, 7.0, 'Athens')");
    }
    r.add("quarry.home", () -> home.toString());
    r.add("quarry.admin-key", () -> ADMIN_KEY);
    r.add("quarry.databases.sales.url", () -> dbUrl);
    r.add("quarry.databases.sales.username", () -> "sales");
    r.add("quarry.databases.sales.password", () -> DB_PASSWORD);
    r.add("quarry.jobs.retry-backoff", () -> "100ms");
    r.add("quarry.jobs.polling-interval", () -> "200ms");
    r.add("logging.structured.format.console", () -> "");
  }

  @Autowired UserStore users;
  @Autowired JdbcClient jdbc;
  @LocalServerPort int port;
  TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(port, ADMIN_KEY);
  }

  static String trigger(String connector, boolean lightOnly) {
    return """
        {"profile_specification": {"id": "ds-1", "name": "Titanic", "description": "passengers",
          "keywords": ["ships"], "license": "CC0-1.0", "data_connectors": [%s]},
         "only_light_profile": %s}""".formatted(connector, lightOnly);
  }

  static String raw(String datasetId) {
    return "{\"type\": \"RawDataPath\", \"dataset_id\": \"" + datasetId + "\"}";
  }

  String submit(String body) {
    JsonNode r = api.post("/profiler/trigger_profile", body).expect(200).json();
    assertThat(r.get("status").asString()).isEqualTo("Job submitted");
    return r.get("job_id").asString();
  }

  String awaitStage(String id, String stage) {
    JsonNode s = api.await("/profiler/job_status/" + id,
        j -> j.get("status").asString().equals(stage) || j.get("status").asString().equals("FAILED"), WAIT);
    assertThat(s.get("status").asString()).as("job %s", api.get("/api/v1/jobs/" + id).body()).isEqualTo(stage);
    api.awaitJob(id, WAIT);
    return stage;
  }

  @Test
  void theSeedFlowEndToEnd() {
    String id = submit(trigger(raw("titanic"), false));
    awaitStage(id, "HEAVY_PROFILES_READY");
    assertThat(api.get("/profiler/runner_status/" + id).expect(200).json().get("status").asString())
        .isEqualTo("completed");

    JsonNode profile = api.get("/profiler/profile/" + id).expect(200).json();
    assertThat(profile.get("moma_profile_light").isObject()).isTrue();
    assertThat(profile.get("moma_profile_light").get("distribution").size()).isGreaterThanOrEqualTo(3);
    JsonNode heavy = profile.get("moma_profile_heavy");
    assertThat(heavy.isObject()).isTrue();
    assertThat(heavy.get("recordSet").size()).isGreaterThanOrEqualTo(3);
    assertThat(heavy.get("recordSet").toString()).contains("titanic/survived");
    assertThat(heavy.get("name").asString()).isEqualTo("Titanic");
    // The catalog's entry for the data (not indexed: this job profiles no registered dataset).
    assertThat(profile.get("cdd_profile").get("name").asString()).isEqualTo("Titanic");
    assertThat(profile.get("cdd_profile").get("columns").size()).isGreaterThan(5);

    JsonNode job = api.get("/api/v1/jobs/" + id).expect(200).json();
    assertThat(job.get("attempts").asInt()).isEqualTo(1);
    assertThat(job.get("rows_processed").asLong()).isGreaterThan(800);
    assertThat(job.get("bytes_processed").asLong()).isGreaterThan(100_000);

    var light = api.get("/api/v1/profiles/" + id + "/light").expect(200);
    assertThat(light.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/ld+json");
    api.get("/api/v1/profiles/" + id + "/heavy").expect(200);
    var report = api.get("/api/v1/profiles/" + id + "/report").expect(200);
    assertThat(report.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment");
    assertThat(report.body()).contains("<html");

    assertThat(api.post("/profiler/clean_up", "{\"profile_job_id\": \"" + id + "\"}").expect(200).json()
        .get("detail").asString()).isEqualTo("SUCCESS");
    api.get("/profiler/profile/" + id).expect(404);
    api.get("/profiler/job_status/" + id).expect(404);
    assertThat(api.get("/profiler/runner_status/" + id).expect(200).json().get("status").asString())
        .isEqualTo("unknown");
    assertThat(Files.exists(home.resolve("results").resolve(id))).isFalse();
    api.post("/profiler/clean_up", "{\"profile_job_id\": \"" + id + "\"}").expect(404);
  }

  @Test
  void aLightOnlyJobEndsAtTheLightProfile() {
    String id = submit(trigger(raw("titanic"), true));
    awaitStage(id, "LIGHT_PROFILE_READY");
    JsonNode profile = api.get("/profiler/profile/" + id).expect(200).json();
    assertThat(profile.get("moma_profile_light").isObject()).isTrue();
    assertThat(profile.get("moma_profile_heavy").isNull()).isTrue();
    api.get("/api/v1/profiles/" + id + "/heavy").expect(404);
  }

  @Test
  void aDatabaseIsProfiledWithCredentialsFromConfigurationOnly() throws IOException {
    String id = submit(trigger("{\"type\": \"DatabaseConnection\", \"database_name\": \"sales\"}", false));
    awaitStage(id, "HEAVY_PROFILES_READY");
    String profile = api.get("/profiler/profile/" + id).expect(200).body();
    assertThat(profile).contains("ORDERS").doesNotContain(DB_PASSWORD);
    String row = jdbc.sql("SELECT spec FROM jobs WHERE id = :id").param("id", id).query(String.class).single();
    assertThat(row).contains("sales").doesNotContain(DB_PASSWORD).doesNotContain("jdbc:");
    try (Stream<Path> files = Files.walk(home.resolve("results").resolve(id))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(Files.readString(f)).doesNotContain(DB_PASSWORD);
      }
    }
  }

  @Test
  void anUnreadableDatasetFailsWithItsMessageAndIsNotRetried() {
    for (String dataset : List.of("empty-file", "junk")) {
      String id = submit(trigger(raw(dataset), false));
      awaitStage(id, "FAILED");
      JsonNode job = api.get("/api/v1/jobs/" + id).json();
      assertThat(job.get("status").asString()).isEqualTo("FAILED");
      assertThat(job.get("attempts").asInt()).isEqualTo(1);
      assertThat(job.get("error").asString()).isNotBlank();
      assertThat(api.get("/profiler/runner_status/" + id).json().get("status").asString()).isEqualTo("failed");
      api.get("/profiler/profile/" + id).expect(404);
    }
  }

  @Test
  void badInputGets4xxNamingTheField() {
    String field = "profile_specification.data_connectors[0].dataset_id";
    assertThat(bad(trigger(raw("../../etc"), false), 400)).isEqualTo(field);
    assertThat(bad(trigger(raw("/etc"), false), 400)).isEqualTo(field);
    assertThat(bad(trigger(raw("escape"), false), 400)).isEqualTo(field);
    assertThat(bad(trigger(raw("titanic/../../x"), false), 400)).isEqualTo(field);
    assertThat(bad(trigger(raw("no-such-folder"), false), 404)).isEqualTo(field);
    assertThat(bad(trigger("{\"type\": \"DatabaseConnection\", \"database_name\": \"nope\"}", false), 400))
        .isEqualTo("profile_specification.data_connectors[0].database_name");
    assertThat(bad(trigger("{\"type\": \"Ftp\", \"dataset_id\": \"x\"}", false), 400))
        .isEqualTo("profile_specification.data_connectors[0].type");
    assertThat(bad(trigger("{\"type\": \"RawDataPath\"}", false), 400)).isEqualTo(field);
    assertThat(bad(trigger("", false), 400)).isEqualTo("profile_specification.data_connectors");
    assertThat(bad(trigger(raw("titanic"), false).replace("[\"ships\"]", "\"ships\""), 400))
        .isEqualTo("profile_specification.keywords");
    assertThat(bad(trigger(raw("titanic"), false).replace("[\"ships\"]", "[1, {}]"), 400))
        .isEqualTo("profile_specification.keywords[1]");
    assertThat(bad(trigger(raw("titanic"), false).replace("\"Titanic\"", "{}"), 400))
        .isEqualTo("profile_specification.name");
    assertThat(bad(trigger(raw("titanic"), false).replace("\"only_light_profile\": false",
        "\"only_light_profile\": \"yes\""), 400)).isEqualTo("only_light_profile");
    assertThat(bad("{}", 400)).isEqualTo("profile_specification");
    assertThat(bad("{\"profile_specification\": []}", 400)).isEqualTo("profile_specification");
    bad("[]", 400);
    bad("\"text\"", 400);
    bad("{not json", 400);
    bad("", 400);
    assertThat(api.post("/profiler/trigger_profile", trigger(raw("titanic"), false), "text/plain").status())
        .isEqualTo(415);
    String huge = "{\"profile_specification\": {\"description\": \"" + "x".repeat(3 * 1024 * 1024) + "\"}}";
    assertThat(api.post("/profiler/trigger_profile", huge).status()).isIn(400, 413);

    for (String path : List.of("/profiler/job_status/", "/profiler/profile/", "/api/v1/jobs/",
        "/api/v1/profiles/")) {
      var r = api.get(path + UUID.randomUUID() + (path.endsWith("profiles/") ? "/light" : ""));
      assertThat(r.status()).as(path).isEqualTo(404);
      assertThat(r.json().get("status").asInt()).isEqualTo(404);
    }
    // Tomcat itself refuses encoded slashes in paths, in the same JSON as every other error.
    TestApi.Response slashes = api.get("/profiler/job_status/..%2F..%2Fetc");
    assertThat(slashes.status()).isEqualTo(400);
    assertThat(slashes.json().get("status").asInt()).isEqualTo(400);
    api.post("/profiler/clean_up", "{\"profile_job_id\": 5}").expect(400);
    api.post("/profiler/clean_up", "{}").expect(400);
    api.post("/profiler/clean_up", "{\"profile_job_id\": \"../../etc\"}").expect(404);
    api.post("/api/v1/profiles", "{}").expect(400);
    api.post("/api/v1/profiles", "{\"dataset_id\": 3}").expect(400);
    api.post("/api/v1/datasets", "{\"name\": \"x\"}").expect(400);
  }

  private String bad(String body, int status) {
    TestApi.Response r = api.post("/profiler/trigger_profile", body);
    assertThat(r.status()).as("body %s -> %s", body.length() > 200 ? body.substring(0, 200) : body, r.body())
        .isEqualTo(status);
    JsonNode field = r.json().get("field");
    return field == null ? null : field.asString();
  }

  @Test
  void usersSeeOnlyTheirOwnJobsAndDatasets() {
    QuarryUser other = users.createUser("user-" + UUID.randomUUID(), Role.USER);
    String key = "qk_" + UUID.randomUUID();
    users.addKey(other.id(), key, "test");
    TestApi otherApi = api.as(key);

    JsonNode dataset = otherApi.post("/api/v1/datasets", """
        {"name": "Titanic", "data_connectors": [{"type": "RawDataPath", "dataset_id": "titanic"}]}""")
        .expect(201).json();
    String datasetId = dataset.get("id").asString();
    assertThat(otherApi.get("/api/v1/datasets").expect(200).json().get("total").asLong()).isEqualTo(1);
    otherApi.get("/api/v1/datasets/" + datasetId).expect(200);
    String adminOnly = api.post("/api/v1/datasets", """
        {"name": "mine", "data_connectors": [{"type": "RawDataPath", "dataset_id": "titanic"}]}""")
        .expect(201).json().get("id").asString();
    otherApi.get("/api/v1/datasets/" + adminOnly).expect(404);
    otherApi.post("/api/v1/profiles", "{\"dataset_id\": \"" + adminOnly + "\"}").expect(404);

    JsonNode job = otherApi.post("/api/v1/profiles",
        "{\"dataset_id\": \"" + datasetId + "\", \"only_light_profile\": true}").expect(202).json();
    String jobId = job.get("id").asString();
    assertThat(job.get("dataset_id").asString()).isEqualTo(datasetId);
    otherApi.awaitJob(jobId, WAIT);
    otherApi.get("/api/v1/profiles/" + jobId + "/light").expect(200);
    otherApi.get("/profiler/job_status/" + jobId).expect(200);

    String adminJob = submit(trigger(raw("titanic"), true));
    otherApi.get("/profiler/job_status/" + adminJob).expect(404);
    otherApi.get("/profiler/profile/" + adminJob).expect(404);
    assertThat(otherApi.get("/profiler/runner_status/" + adminJob).json().get("status").asString())
        .isEqualTo("unknown");
    otherApi.post("/profiler/clean_up", "{\"profile_job_id\": \"" + adminJob + "\"}").expect(404);
    otherApi.get("/api/v1/profiles/" + adminJob + "/report").expect(404);
    api.get("/profiler/job_status/" + jobId).expect(200); // admins see all

    otherApi.delete("/api/v1/datasets/" + datasetId).expect(204);
    otherApi.get("/api/v1/datasets/" + datasetId).expect(404);
    new TestApi(port, null).get("/profiler/job_status/" + jobId).expect(401);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
