package dev.quarry.server.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.formats.parquet.ParquetTableWriter;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.server.QuarryServer;
import dev.quarry.server.jobs.TestApi;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** /api/v1/transforms over HTTP against the booted server. */
@SpringBootTest(classes = QuarryServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TransformRoutesTest {

  static final String ADMIN_KEY = "qk_test_admin_key_transform_0123456789";
  static final Duration WAIT = Duration.ofSeconds(120);

  @TempDir static Path home;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("quarry.home", () -> home.toString());
    r.add("quarry.admin-key", () -> ADMIN_KEY);
    r.add("quarry.jobs.retry-backoff", () -> "100ms");
    r.add("quarry.jobs.polling-interval", () -> "200ms");
    r.add("quarry.rate-limit.enabled", () -> "false");
    r.add("logging.structured.format.console", () -> "");
  }

  @LocalServerPort int port;
  TestApi admin;

  @BeforeAll
  static void dataset() throws IOException {
    Path docs = home.resolve("datasets/docs");
    Files.createDirectories(docs.resolve("part"));
    Schema schema = new Schema(List.of(Column.of("n", ValueType.INTEGER), Column.of("contents", ValueType.STRING)));
    write(docs.resolve("a.parquet"), schema, 0);
    write(docs.resolve("part/b.parquet"), schema, 10);
  }

  private static void write(Path file, Schema schema, int from) throws IOException {
    try (OutputStream out = Files.newOutputStream(file); ParquetTableWriter w = ParquetTableWriter.open(out, schema, null)) {
      for (int i = from; i < from + 10; i++) {
        w.write(new Object[] {(long) i, "text " + (i % 3) + " mail me at user" + i + "@example.com"});
      }
    }
  }

  @BeforeEach
  void setUp() {
    admin = new TestApi(port, ADMIN_KEY);
  }

  @Test
  void runsAChainedPipelineAsAJobAndServesItsOutputs() throws Exception {
    String body = """
        {"dataset_id": "docs",
         "transforms": [
           {"name": "filter", "params": {"criteria_list": ["n %% 2 = 0"]}},
           {"name": "pii_redactor", "params": {"entities": ["EMAIL_ADDRESS"]}},
           {"name": "doc_id", "params": {"hash_column": "hash", "int_column": "id", "start_id": 1}}
         ]}""".formatted();
    TestApi.Response submitted = admin.post("/api/v1/transforms", body).expect(202);
    String id = submitted.json().get("id").asString();
    JsonNode job = admin.awaitJob(id, WAIT);
    assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
    assertThat(job.get("stage").asString()).isEqualTo("DONE");

    JsonNode files = admin.get("/api/v1/transforms/" + id + "/files").expect(200).json();
    List<String> paths = new ArrayList<>();
    files.values().forEach(f -> paths.add(f.get("path").asString()));
    assertThat(paths).containsExactly("a.parquet", "metadata.json", "part/b.parquet");

    byte[] parquet = download("/api/v1/transforms/" + id + "/files?path=part/b.parquet");
    Path local = home.resolve("b-downloaded.parquet");
    Files.write(local, parquet);
    List<Object[]> rows = new ArrayList<>();
    try (RecordReader r = ParquetTable.open(FileIO.unrestricted().newInputFile(Location.ofLocal(local))).open()) {
      for (Object[] row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    assertThat(rows).extracting(row -> row[0]).containsExactly(10L, 12L, 14L, 16L, 18L);
    assertThat(rows).extracting(row -> row[1]).allMatch(t -> t.toString().endsWith("mail me at <EMAIL_ADDRESS>"));
    assertThat(rows).extracting(row -> row[3]).containsExactly(11L, 12L, 13L, 14L, 15L); // a.parquet had 10 rows

    String metadata = admin.get("/api/v1/transforms/" + id + "/files?path=metadata.json").expect(200).body();
    assertThat(metadata).contains("\"job name\" : \"filter+pii_redactor+doc_id\"").contains("\"pii_EMAIL_ADDRESS\" : 10");

    String metrics = admin.get("/actuator/prometheus").expect(200).body();
    assertThat(metrics).contains("quarry_transform_files_total{outcome=\"done\",pipeline=\"filter+pii_redactor+doc_id\"} 2.0");
    assertThat(metrics).contains("quarry_transform_rows_out_total{pipeline=\"filter+pii_redactor+doc_id\"} 10.0");
    assertThat(metrics).contains("quarry_transform_jobs_total{pipeline=\"filter+pii_redactor+doc_id\",status=\"success\"} 1.0");
  }

  @Test
  void badRequestsAre4xxNamingTheField() {
    TestApi.Response r = admin.post("/api/v1/transforms",
        "{\"dataset_id\": \"docs\", \"transforms\": [{\"name\": \"resize\", \"params\": {\"max_rows_per_table\": \"ten\"}}]}")
        .expect(400);
    assertThat(r.json().get("field").asString()).isEqualTo("max_rows_per_table");
    assertThat(r.json().get("detail").asString()).contains("expected an integer");

    r = admin.post("/api/v1/transforms", "{\"dataset_id\": \"nope\", \"transforms\": [{\"name\": \"noop\"}]}").expect(404);
    assertThat(r.json().get("detail").asString()).contains("no dataset 'nope'");

    r = admin.post("/api/v1/transforms", "{\"dataset_id\": \"../etc\", \"transforms\": [{\"name\": \"noop\"}]}").expect(400);

    r = admin.post("/api/v1/transforms", "{\"dataset_id\": \"docs\", \"output\": \"/tmp/x\", \"transforms\": []}").expect(400);
    assertThat(r.json().get("field").asString()).isEqualTo("output");

    r = admin.post("/api/v1/transforms", "{\"dataset_id\": \"docs\", \"transforms\": [{\"name\": \"nope\"}]}").expect(400);
    assertThat(r.json().get("detail").asString()).contains("unknown transform 'nope'");
  }

  @Test
  void aJobWhoseEveryFileFailsFails() {
    String body = "{\"dataset_id\": \"docs\", \"transforms\": [{\"name\": \"ededup\", \"params\": {\"doc_column\": \"missing\"}}]}";
    String id = admin.post("/api/v1/transforms", body).expect(202).json().get("id").asString();
    JsonNode job = admin.awaitJob(id, WAIT);
    assertThat(job.get("status").asString()).isEqualTo("FAILED");
    assertThat(job.get("error").asString()).contains("every file failed").contains("no column 'missing'");
  }

  @Test
  void routesNeedAnApiKey() {
    new TestApi(port, null).get("/api/v1/transforms").expect(401);
    new TestApi(port, null).post("/api/v1/transforms", "{}").expect(401);
  }

  @Test
  void listsTransforms() {
    JsonNode list = admin.get("/api/v1/transforms").expect(200).json();
    List<String> names = new ArrayList<>();
    list.values().forEach(t -> names.add(t.get("name").asString()));
    assertThat(names).contains("filter", "ededup", "fdedup", "resize", "doc_id", "lang_id", "doc_quality",
        "pii_redactor", "noop");
  }

  private byte[] download(String path) throws Exception {
    HttpResponse<byte[]> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).header("X-API-Key", ADMIN_KEY).build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }
}
