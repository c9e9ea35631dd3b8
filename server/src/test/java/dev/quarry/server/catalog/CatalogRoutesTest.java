package dev.quarry.server.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.server.QuarryServer;
import dev.quarry.server.jobs.TestApi;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The catalog over HTTP: register, upload, index, search, join, union, augment, download, delete. */
@SpringBootTest(classes = QuarryServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CatalogRoutesTest {

  static final String ADMIN_KEY = "qk_test_admin_key_catalog_0123";
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir static Path home;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) throws Exception {
    Path data = home.resolve("datasets");
    Files.createDirectories(data.resolve("stations"));
    StringBuilder csv = new StringBuilder("station_id,city,opened\n");
    for (int i = 0; i < 300; i++) {
      csv.append("ST").append(i).append(",city").append(i % 40).append(",2015-0")
          .append(1 + i % 9).append("-01\n");
    }
    Files.writeString(data.resolve("stations/stations.csv"), csv.toString());
    r.add("quarry.home", () -> home.toString());
    r.add("quarry.admin-key", () -> ADMIN_KEY);
    r.add("quarry.jobs.retry-backoff", () -> "100ms");
    r.add("quarry.jobs.polling-interval", () -> "200ms");
    r.add("logging.structured.format.console", () -> "");
  }

  @LocalServerPort int port;
  TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(port, ADMIN_KEY);
  }

  JsonNode awaitIndexed(String id) {
    JsonNode s = api.await("/api/v1/catalog/" + id,
        j -> !j.get("catalog").get("status").asString().equals("queued"), WAIT);
    assertThat(s.get("catalog").get("status").asString()).as(s.toString()).isEqualTo("indexed");
    return s;
  }

  String upload(String name, String csv, String metadata) {
    Multipart m = new Multipart().file("file", name, csv.getBytes(StandardCharsets.UTF_8));
    if (metadata != null) {
      m.text("metadata", metadata);
    }
    TestApi.Response r = api.send(m.post("http://127.0.0.1:" + port + "/api/v1/datasets/upload"))
        .expect(201);
    assertThat(r.json().get("catalog").get("status").asString()).isEqualTo("queued");
    return r.json().get("catalog").get("dataset_id") == null
        ? r.json().get("catalog").get("datasetId").asString()
        : r.json().get("catalog").get("dataset_id").asString();
  }

  static String q(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  @Test
  void registeredDatasetsAreIndexedSearchedAndRemoved() {
    JsonNode d = api.post("/api/v1/datasets", """
        {"name": "Weather stations", "description": "Ground weather stations of the network",
         "keywords": ["meteorology"], "license": "CC-BY-4.0",
         "data_connectors": [{"type": "RawDataPath", "dataset_id": "stations"}]}""").expect(201).json();
    String id = d.get("id").asString();
    JsonNode view = awaitIndexed(id);
    assertThat(view.get("entry").get("rows").asLong()).isEqualTo(300);
    String jobId = view.get("catalog").get("jobId").asString();

    JsonNode hits = api.get("/api/v1/search?q=" + q("weather stations")).expect(200).json();
    assertThat(hits.get("total").asLong()).isEqualTo(1);
    assertThat(hits.get("hits").get(0).get("id").asString()).isEqualTo(id);
    assertThat(hits.get("hits").get(0).get("highlights").get("name").asString()).contains("<b>");
    assertThat(hits.get("facets").get("license").get(0).get("value").asString()).isEqualTo("CC-BY-4.0");
    JsonNode dated = api.get("/api/v1/search?from=2015-03-01&to=2015-03-31").expect(200).json();
    assertThat(dated.get("total").asLong()).isEqualTo(1);
    JsonNode later = api.get("/api/v1/search?from=2020-01-01").expect(200).json();
    assertThat(later.get("total").asLong()).isZero();

    // The seed route shows the index entry as cdd_profile.
    JsonNode profile = api.get("/profiler/profile/" + jobId).expect(200).json();
    assertThat(profile.get("cdd_profile").get("id").asString()).isEqualTo(id);
    assertThat(profile.get("cdd_profile").get("columns").size()).isEqualTo(3);

    api.delete("/api/v1/datasets/" + id).expect(204);
    assertThat(api.get("/api/v1/search?q=" + q("weather stations")).expect(200).json()
        .get("total").asLong()).isZero();
    api.get("/api/v1/catalog/" + id).expect(404);
  }

  @Test
  void uploadsJoinUnionAugmentAndDownload() throws Exception {
    StringBuilder left = new StringBuilder("code,name\n");
    StringBuilder right = new StringBuilder("zip,reading\n");
    for (int i = 0; i < 200; i++) {
      left.append("Z").append(i).append(",place ").append(i).append('\n');
    }
    for (int i = 0; i < 120; i++) { // 60% of the left's codes, twice each
      right.append("z").append(i).append(',').append(i).append('\n');
      right.append("z").append(i).append(',').append(i + 2).append('\n');
    }
    String a = upload("places.csv", left.toString(),
        "{\"name\": \"Places\", \"keywords\": [\"geo\"], \"column_types\": {\"code\": \"text\"}}");
    String b = upload("readings.csv", right.toString(), "{\"name\": \"Readings\"}");
    String c = upload("more_places.csv", "Code,Name\nZ900,far\n", null);
    awaitIndexed(a);
    awaitIndexed(b);
    awaitIndexed(c);

    JsonNode join = api.post("/api/v1/search/join", "{\"dataset_id\": \"" + a + "\"}").expect(200).json();
    JsonNode best = join.get("results").get(0);
    assertThat(best.get("id").asString()).isEqualTo(b);
    assertThat(best.get("pairs").get(0).get("queryColumn").asString()).isEqualTo("code");
    assertThat(best.get("pairs").get(0).get("column").asString()).isEqualTo("zip");
    assertThat(best.get("pairs").get(0).get("score").asDouble()).isBetween(0.5, 0.7);

    // The same question with the file itself.
    Multipart m = new Multipart().file("file", "mine.csv", left.toString().getBytes(StandardCharsets.UTF_8));
    JsonNode byFile = api.send(m.post("http://127.0.0.1:" + port + "/api/v1/search/join")).expect(200).json();
    // The file is dataset a's own content: a holds all of it, b 60%.
    assertThat(byFile.get("results").get(0).get("id").asString()).isEqualTo(a);
    assertThat(byFile.get("results").get(0).get("score").asDouble()).isEqualTo(1.0);
    assertThat(byFile.get("results").get(1).get("id").asString()).isEqualTo(b);

    JsonNode union = api.post("/api/v1/search/union", "{\"dataset_id\": \"" + a + "\"}").expect(200).json();
    assertThat(union.get("results").get(0).get("id").asString()).as(union.toString() + " a=" + a + " b=" + b + " c=" + c).isEqualTo(c);

    String csv = api.post("/api/v1/search/augment", """
        {"dataset_id": "%s", "with": "%s", "kind": "join", "left_column": "code",
         "right_column": "zip", "aggregation": "mean"}""".formatted(a, b)).expect(200).body();
    List<String> lines = csv.lines().toList();
    assertThat(lines.get(0)).isEqualTo("code,name,reading_mean");
    assertThat(lines).contains("Z5,place 5,6", "Z150,place 150,");
    assertThat(lines).hasSize(201);

    String unioned = api.post("/api/v1/search/augment", """
        {"dataset_id": "%s", "with": "%s", "kind": "union"}""".formatted(a, c)).expect(200).body();
    assertThat(unioned.lines().toList()).contains("Z900,far").hasSize(202);

    String down = api.get("/api/v1/datasets/" + b + "/download").expect(200).body();
    assertThat(down.lines().findFirst()).contains("zip,reading");
    TestApi.Response pq = api.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
        "http://127.0.0.1:" + port + "/api/v1/datasets/" + a + "/download?format=parquet")).GET());
    assertThat(pq.status()).isEqualTo(200);
    Path file = home.resolve("down.parquet");
    Files.write(file, pq.body().getBytes(StandardCharsets.ISO_8859_1));
    // Bodies come back as text here: fetch the bytes properly for the Parquet check.
    byte[] bytes = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
        .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/datasets/" + a
            + "/download?format=parquet")).header("X-API-Key", ADMIN_KEY).GET().build(),
        java.net.http.HttpResponse.BodyHandlers.ofByteArray()).body();
    Files.write(file, bytes);
    List<Object> codes = new ArrayList<>();
    try (RecordReader r = ParquetTable.open(FileIO.unrestricted().newInputFile(Location.ofLocal(file))).open()) {
      Object[] row;
      while ((row = r.next()) != null) {
        codes.add(row[0]);
      }
    }
    assertThat(codes).hasSize(200).startsWith("Z0", "Z1");
  }

  @Test
  void aProfileJobsDataIsAJoinQuery() {
    String id = api.post("/api/v1/datasets", """
        {"name": "Station registry", "data_connectors": [{"type": "RawDataPath", "dataset_id": "stations"}]}""")
        .expect(201).json().get("id").asString();
    awaitIndexed(id);
    String job = api.post("/profiler/trigger_profile", """
        {"profile_specification": {"name": "Stations again",
          "data_connectors": [{"type": "RawDataPath", "dataset_id": "stations"}]}}""")
        .expect(200).json().get("job_id").asString();
    api.await("/profiler/job_status/" + job, j -> j.get("status").asString().endsWith("READY")
        && j.get("status").asString().startsWith("HEAVY"), WAIT);
    api.awaitJob(job, WAIT);
    JsonNode join = api.post("/api/v1/search/join", "{\"profile_job_id\": \"" + job + "\"}")
        .expect(200).json();
    JsonNode best = join.get("results").get(0);
    assertThat(best.get("id").asString()).isEqualTo(id);
    assertThat(best.get("score").asDouble()).isEqualTo(1.0);
    assertThat(best.get("pairs").get(0).get("queryColumn").asString()).isEqualTo("station_id");
    JsonNode union = api.post("/api/v1/search/union", "{\"profile_job_id\": \"" + job + "\"}")
        .expect(200).json();
    assertThat(union.get("results").get(0).get("id").asString()).isEqualTo(id);
    api.post("/api/v1/search/join", "{\"profile_job_id\": \"nope\"}").expect(404);
    api.delete("/api/v1/datasets/" + id).expect(204);
  }

  @Test
  void usersSeePublicEntriesAndTheirOwn() {
    String priv = upload("ledger.csv", "account,amount\nA1,10\nA2,20\n", "{\"name\": \"Private ledger\"}");
    String pub = upload("ledger_open.csv", "account,amount\nA1,10\nA3,30\n",
        "{\"name\": \"Open ledger\", \"public\": true}");
    awaitIndexed(priv);
    awaitIndexed(pub);
    String key = api.post("/api/v1/users", "{\"name\": \"reader\"}").expect(201).json().get("key").asString();
    TestApi reader = api.as(key);

    JsonNode seen = reader.get("/api/v1/search?q=ledger").expect(200).json();
    assertThat(seen.get("total").asLong()).isEqualTo(1);
    assertThat(seen.get("hits").get(0).get("id").asString()).isEqualTo(pub);
    assertThat(api.get("/api/v1/search?q=ledger").expect(200).json().get("total").asLong()).isEqualTo(2);

    reader.post("/api/v1/search/join", "{\"dataset_id\": \"" + priv + "\"}").expect(404);
    JsonNode join = reader.post("/api/v1/search/join", "{\"dataset_id\": \"" + pub + "\"}").expect(200).json();
    assertThat(join.get("results").toString()).doesNotContain(priv);
    reader.get("/api/v1/datasets/" + priv + "/download").expect(404);
    assertThat(reader.get("/api/v1/datasets/" + pub + "/download").expect(200).body()).contains("A3,30");
    reader.get("/api/v1/catalog/" + priv).expect(404);
    reader.get("/api/v1/catalog").expect(403);
  }

  @Test
  void badInputGetsClearClientErrors() {
    byte[] junk = new byte[2048];
    new java.util.Random(3).nextBytes(junk);
    TestApi.Response bad = api.send(new Multipart().file("file", "data.parquet", junk)
        .post("http://127.0.0.1:" + port + "/api/v1/datasets/upload"));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.json().get("detail").asString()).contains("data.parquet").contains("cannot be read");

    TestApi.Response unknown = api.post("/api/v1/search/join", "{\"dataset_id\": \"nope\"}");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().get("detail").asString()).contains("nope");

    TestApi.Response bbox = api.get("/api/v1/search?q=x&bbox=" + q("0,95,10,100"));
    assertThat(bbox.status()).isEqualTo(400);
    assertThat(bbox.json().get("detail").asString()).contains("minLat");

    TestApi.Response empty = api.get("/api/v1/search?q=");
    assertThat(empty.status()).isEqualTo(400);
    assertThat(empty.json().get("detail").asString()).contains("empty query");

    assertThat(api.get("/api/v1/search?q=x&from=yesterday").status()).isEqualTo(400);
    assertThat(api.get("/api/v1/datasets/nope/download").status()).isEqualTo(404);
    assertThat(api.get("/api/v1/search?q=x&size=1000").status()).isEqualTo(400);
    TestApi.Response noFile = api.send(new Multipart().text("metadata", "{}")
        .post("http://127.0.0.1:" + port + "/api/v1/datasets/upload"));
    assertThat(noFile.status()).isEqualTo(400);
  }
}
