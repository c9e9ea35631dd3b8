package dev.quarry.server.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.QuarryServer;
import dev.quarry.search.discovery.FakePortal;
import dev.quarry.server.jobs.TestApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A folder discoverer configured over REST brings its files into the catalog as indexed datasets,
 * then picks up a changed file and a deleted one.
 */
@SpringBootTest(classes = QuarryServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DiscoveryRoutesTest {

  static final String ADMIN_KEY = "qk_test_admin_key_discovery_01";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path home;
  @TempDir static Path watched;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("quarry.home", () -> home.toString());
    r.add("quarry.admin-key", () -> ADMIN_KEY);
    r.add("quarry.storage.allowed-roots[0]", () -> watched.toString());
    r.add("quarry.storage.allowed-hosts[0]", () -> "127.0.0.1");
    r.add("quarry.jobs.retry-backoff", () -> "100ms");
    r.add("quarry.jobs.polling-interval", () -> "200ms");
    r.add("quarry.discovery.tick", () -> "200ms");
    r.add("logging.structured.format.console", () -> "");
  }

  @LocalServerPort int port;

  long hits(TestApi api, String q) {
    return api.get("/api/v1/search?q=" + q).expect(200).json().get("total").asLong();
  }

  JsonNode runAndWait(TestApi api, String id) {
    String job = api.post("/api/v1/discoverers/" + id + "/run", "").expect(202).json()
        .get("job_id").asString();
    JsonNode done = api.awaitJob(job, WAIT);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    return done;
  }

  void awaitNothingQueued(TestApi api) {
    api.await("/api/v1/catalog?status=queued", j -> j.get("items").isEmpty(), WAIT);
  }

  @Test
  void ckanPortalDatasetsAreReadOverHttpAndFollowed() throws Exception {
    TestApi api = new TestApi(port, ADMIN_KEY);
    try (FakePortal portal = new FakePortal()) {
      portal.fixture("/api/3/action/package_search", "ckan-package_search-1.json")
          .route("/dataset/air-quality-stations/resource/stations.csv",
              "station,pm10,lat,lon\nS1,20,48.85,2.35\nS2,35,48.86,2.36\n")
          .route("/dataset/bike-counts/resource/counts.csv", "counter,hour,bikes\nC1,8,120\nC1,9,80\n");
      String id = api.post("/api/v1/discoverers", """
          {"name": "city", "type": "ckan", "settings": {"url": "%s"}, "interval_seconds": 86400}"""
          .formatted(portal.base())).expect(201).json().get("id").asString();
      api.await("/api/v1/discoverers/" + id, j -> !j.get("lastJobId").isNull(), WAIT);
      api.awaitJob(api.get("/api/v1/discoverers/" + id).json().get("lastJobId").asString(), WAIT);
      awaitNothingQueued(api);
      JsonNode air = api.get("/api/v1/search?q=air%20quality&source=ckan:city").expect(200).json();
      assertThat(air.get("total").asLong()).as(air.toString()).isEqualTo(1);
      assertThat(air.get("hits").get(0).get("entry").get("license").asString()).isEqualTo("cc-by");
      assertThat(air.get("hits").get(0).get("entry").get("rows").asLong()).isEqualTo(2);
      assertThat(hits(api, "bicycle")).isEqualTo(1);

      // The portal updates the stations resource and drops the bicycle package.
      portal.fixture("/api/3/action/package_search", "ckan-package_search-2.json")
          .route("/dataset/air-quality-stations/resource/stations.csv",
              "station,pm10,lat,lon\nS1,20,48.85,2.35\nS2,35,48.86,2.36\nS3,12,48.87,2.30\n")
          .remove("/dataset/bike-counts/resource/counts.csv");
      runAndWait(api, id);
      awaitNothingQueued(api);
      assertThat(hits(api, "bicycle")).isZero();
      JsonNode updated = api.get("/api/v1/search?q=air%20quality").expect(200).json();
      assertThat(updated.get("hits").get(0).get("entry").get("rows").asLong()).isEqualTo(3);
      api.delete("/api/v1/discoverers/" + id).expect(204);
    }
  }

  @Test
  void folderDiscovererAddsUpdatesAndRemoves() throws Exception {
    TestApi api = new TestApi(port, ADMIN_KEY);
    Files.writeString(watched.resolve("harbour_tides.csv"), "station,level\nA,1.5\nB,2.0\n");
    Files.writeString(watched.resolve("ferry_routes.csv"), "route,operator\nR1,Blue\n");

    assertThat(api.get("/api/v1/discoverers/types").expect(200).json().get("types").toString())
        .contains("folder", "ckan", "socrata", "zenodo", "s3", "urls");
    api.post("/api/v1/discoverers", """
        {"name": "bad", "type": "folder", "settings": {}}""").expect(400);
    api.post("/api/v1/discoverers", """
        {"name": "bad", "type": "gopher", "settings": {}}""").expect(400);
    JsonNode outside = api.post("/api/v1/discoverers", """
        {"name": "etc", "type": "folder", "settings": {"path": "/etc"}}""").expect(400).json();
    assertThat(outside.get("detail").asString()).contains("/etc");
    JsonNode d = api.post("/api/v1/discoverers", """
        {"name": "harbour", "type": "folder", "settings": {"path": "%s"}, "interval_seconds": 3600}"""
        .formatted(watched.toString().replace("\\", "\\\\"))).expect(201).json();
    String id = d.get("id").asString();

    // Created due now: the scheduler's tick runs it without being asked.
    api.await("/api/v1/discoverers/" + id, j -> !j.get("lastJobId").isNull(), WAIT);
    api.awaitJob(api.get("/api/v1/discoverers/" + id).json().get("lastJobId").asString(), WAIT);
    awaitNothingQueued(api);
    assertThat(hits(api, "tides")).isEqualTo(1);
    assertThat(hits(api, "ferry")).isEqualTo(1);
    JsonNode listed = api.get("/api/v1/catalog?status=indexed").expect(200).json().get("items");
    assertThat(listed.size()).isEqualTo(2);
    assertThat(listed.get(0).get("source").asString()).isEqualTo("folder:harbour");

    Files.writeString(watched.resolve("harbour_tides.csv"),
        "station,level,tide_coefficient\nA,1.5,70\nB,2.0,80\nC,2.2,95\n");
    Files.delete(watched.resolve("ferry_routes.csv"));
    JsonNode run = runAndWait(api, id);
    // One changed file re-profiled, one deleted file removed: two changes applied.
    assertThat(run.get("progress").get("total").asLong()).as(run.toString()).isEqualTo(2);
    awaitNothingQueued(api);
    assertThat(hits(api, "ferry")).isZero();
    JsonNode tides = api.get("/api/v1/search?q=tides").expect(200).json().get("hits").get(0);
    assertThat(tides.get("entry").get("rows").asLong()).isEqualTo(3);
    assertThat(tides.get("entry").get("columns").size()).isEqualTo(3);

    api.delete("/api/v1/discoverers/" + id).expect(204);
    assertThat(hits(api, "tides")).isZero();
  }
}
