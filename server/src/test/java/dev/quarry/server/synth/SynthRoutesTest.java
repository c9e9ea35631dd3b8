package dev.quarry.server.synth;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.server.QuarryServer;
import dev.quarry.server.auth.ApiKeys;
import dev.quarry.server.auth.Role;
import dev.quarry.server.auth.UserStore;
import dev.quarry.server.jobs.TestApi;
import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.TableWriter;
import dev.quarry.synth.write.OutputFormats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** /api/v1/synth, /generate-data, /add-user and /user-stats over HTTP against the booted server. */
@SpringBootTest(classes = QuarryServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SynthRoutesTest {

  static final String ADMIN_KEY = "qk_test_admin_key_synth_0123456789";
  static final Duration WAIT = Duration.ofSeconds(120);
  static final long STREAM_LIMIT = 2000;

  /** examples/synth/shop.yaml, as the issue gives it. */
  static final String SHOP = """
      seed: 42
      tables:
        customers:
          rows: 1000
          fields:
            id:     {kind: sequence, start: 1}
            name:   {kind: faker, provider: name.fullName, locale: en}
            email:  {kind: faker, provider: internet.emailAddress, unique: true}
            age:    {kind: int, min: 18, max: 90, distribution: normal, mean: 40, stddev: 12}
            tier:   {kind: enum, values: {gold: 1, silver: 3, bronze: 6}}
            score:  {kind: float, min: 0, max: 1, nulls: 0.05}
            code:   {kind: regex, pattern: "[A-Z]{3}-[0-9]{4}"}
            signup: {kind: date, min: 2020-01-01, max: 2024-12-31}
        orders:
          rows: 10000
          fields:
            id:          {kind: uuid}
            customer_id: {kind: ref, table: customers, field: id}
            amount:      {kind: decimal, min: 1, max: 500, scale: 2}
            with_tax:    {kind: expr, expr: "amount * 1.2"}
      """;

  static final List<String> CUSTOMER_COLUMNS =
      List.of("id", "name", "email", "age", "tier", "score", "code", "signup");

  @TempDir static Path home;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("quarry.home", () -> home.toString());
    r.add("quarry.admin-key", () -> ADMIN_KEY);
    r.add("quarry.jobs.retry-backoff", () -> "100ms");
    r.add("quarry.jobs.polling-interval", () -> "200ms");
    r.add("quarry.rate-limit.enabled", () -> "false");
    r.add("quarry.synth.stream-row-limit", () -> STREAM_LIMIT);
    r.add("quarry.synth.max-rows", () -> 1_000_000);
    r.add("quarry.synth.max-rows-per-request", () -> 50_000);
    r.add("quarry.synth.max-rows-per-day", () -> 100_000);
    r.add("logging.structured.format.console", () -> "");
  }

  @Autowired UserStore users;
  @LocalServerPort int port;
  TestApi admin;
  /** The API key each client of a test sends, for the byte-level requests TestApi does not make. */
  final java.util.Map<TestApi, String> keys = new java.util.IdentityHashMap<>();

  @BeforeEach
  void setUp() {
    admin = new TestApi(port, ADMIN_KEY);
    keys.put(admin, ADMIN_KEY);
  }

  /** A new user of its own, so quotas and stats of one test do not meet another's. */
  TestApi freshUser() {
    String key = ApiKeys.generate();
    users.createUserWithKey("synth-" + UUID.randomUUID(), Role.USER, key, "test");
    TestApi api = admin.as(key);
    keys.put(api, key);
    return api;
  }

  static String body(String schemaJson, String extra) {
    return "{\"schema\": " + schemaJson + (extra.isEmpty() ? "" : ", " + extra) + "}";
  }

  static String shopText() {
    return TestApi.JSON.writeValueAsString(SHOP);
  }

  static String shopObject() {
    return TestApi.JSON.writeValueAsString(new YAMLMapper().readTree(SHOP));
  }

  record Bytes(int status, byte[] body, java.net.http.HttpHeaders headers) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    String header(String name) {
      return headers.firstValue(name).orElse("");
    }
  }

  Bytes postBytes(TestApi api, String path, String json) {
    return bytes(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json").header("X-API-Key", keyOf(api))
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  Bytes getBytes(TestApi api, String path) {
    return bytes(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .header("X-API-Key", keyOf(api)).GET());
  }

  String keyOf(TestApi api) {
    return keys.get(api);
  }

  static Bytes bytes(HttpRequest.Builder b) {
    try {
      HttpResponse<byte[]> r = HttpClient.newHttpClient().send(b.timeout(Duration.ofSeconds(60)).build(),
          HttpResponse.BodyHandlers.ofByteArray());
      return new Bytes(r.statusCode(), r.body(), r.headers());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static List<CsvRecord> csv(String text) {
    List<CsvRecord> rows = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(text)) {
      reader.forEach(rows::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  @Test
  void streamsTheShopOrdersAsCsvWithValidForeignKeys() {
    Bytes r = postBytes(admin, "/api/v1/synth", body(shopText(), "\"table\": \"orders\", \"rows\": 2000"));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("text/csv;charset=utf-8");
    assertThat(r.header("Content-Disposition")).isEqualTo("attachment; filename=\"orders.csv\"");
    List<CsvRecord> rows = csv(r.text());
    assertThat(rows.get(0).getFields()).containsExactly("id", "customer_id", "amount", "with_tax");
    assertThat(rows).hasSize(2001);
    for (CsvRecord row : rows.subList(1, rows.size())) {
      assertThat(Long.parseLong(row.getField(1))).isBetween(1L, 1000L);
      assertThat(UUID.fromString(row.getField(0))).isNotNull();
    }

    // The schema as an object gives the same bytes as the schema as text.
    Bytes again = postBytes(admin, "/api/v1/synth", body(shopObject(), "\"table\": \"orders\", \"rows\": 2000"));
    assertThat(again.body()).isEqualTo(r.body());
  }

  @Test
  void streamsCustomersAsCsvThroughTheSeedRoute() {
    Bytes r = postBytes(admin, "/generate-data", body(shopObject(), "\"table\": \"customers\""));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    List<CsvRecord> rows = csv(r.text());
    assertThat(rows.get(0).getFields()).containsExactlyElementsOf(CUSTOMER_COLUMNS);
    assertThat(rows).hasSize(1001);
    assertThat(rows.subList(1, rows.size()).stream().map(x -> Long.parseLong(x.getField(0))))
        .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 1000).boxed().toList());
  }

  @Test
  void streamsJsonl() {
    Bytes r = postBytes(admin, "/api/v1/synth", body(shopText(), "\"table\": \"customers\", \"format\": \"jsonl\""));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.header("Content-Type")).startsWith("application/jsonl");
    assertThat(r.header("Content-Disposition")).contains("customers.jsonl");
    String[] lines = r.text().split("\n");
    assertThat(lines).hasSize(1000);
    for (int i = 0; i < lines.length; i++) {
      JsonNode row = TestApi.JSON.readTree(lines[i]);
      assertThat(row.propertyNames()).containsExactlyElementsOf(CUSTOMER_COLUMNS);
      assertThat(row.get("id").asLong()).isEqualTo(i + 1);
    }
  }

  @Test
  void streamsParquetThatDuckDbReads() throws Exception {
    Bytes r = postBytes(admin, "/api/v1/synth",
        body(shopText(), "\"table\": \"orders\", \"rows\": 1500, \"format\": \"parquet\""));
    assertThat(r.status()).as(r.text()).isEqualTo(200);
    assertThat(r.header("Content-Type")).isEqualTo("application/vnd.apache.parquet");
    assertThat(r.header("Content-Disposition")).contains("orders.parquet");
    Path file = home.resolve("orders-" + UUID.randomUUID() + ".parquet");
    Files.write(file, r.body());
    try (var c = DriverManager.getConnection("jdbc:duckdb:"); var s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*), min(customer_id), max(customer_id), count(DISTINCT id)"
            + " FROM read_parquet('" + file.toAbsolutePath() + "')")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getLong(1)).isEqualTo(1500);
      assertThat(rs.getLong(2)).isGreaterThanOrEqualTo(1);
      assertThat(rs.getLong(3)).isLessThanOrEqualTo(1000);
      assertThat(rs.getLong(4)).isEqualTo(1500);
    }
  }

  @Test
  void gzipRoundTrip() throws IOException {
    Bytes plain = postBytes(admin, "/api/v1/synth", body(shopText(), "\"table\": \"customers\""));
    Bytes gz = postBytes(admin, "/api/v1/synth", body(shopText(), "\"table\": \"customers\", \"compress\": \"gzip\""));
    assertThat(gz.status()).as(gz.text()).isEqualTo(200);
    assertThat(gz.header("Content-Type")).isEqualTo("application/gzip");
    assertThat(gz.header("Content-Disposition")).contains("customers.csv.gz");
    try (var in = new GZIPInputStream(new ByteArrayInputStream(gz.body()))) {
      assertThat(in.readAllBytes()).isEqualTo(plain.body());
    }
  }

  @Test
  void aLargeRequestBecomesAJobWhoseFileIsTheSameBytes() throws Exception {
    TestApi alice = freshUser();
    Bytes accepted = postBytes(alice, "/api/v1/synth", body(shopText(), "\"table\": \"orders\""));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    JsonNode job = TestApi.JSON.readTree(accepted.text());
    String id = job.get("id").asString();
    assertThat(job.get("type").asString()).isEqualTo("synth");
    assertThat(job.get("download_url").asString()).isEqualTo("/api/v1/synth/" + id + "/download");
    JsonNode done = alice.awaitJob(id, WAIT);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("rows_processed").asLong()).isEqualTo(10_000);
    assertThat(done.get("bytes_processed").asLong()).isGreaterThan(0);

    Bytes file = getBytes(alice, job.get("download_url").asString());
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.header("Content-Disposition")).contains("orders.csv");
    assertThat(csv(file.text())).hasSize(10_001);
    // The same bytes as generating the table here on 3 workers: shards do not change the output.
    ByteArrayOutputStream local = new ByteArrayOutputStream();
    try (LocalEngine engine = new LocalEngine(3)) {
      TableWriter.write(Synthesizer.parse(SHOP), "orders", OutputFormats.CSV, local, engine, RunOptions.defaults());
    }
    assertThat(file.body()).isEqualTo(local.toByteArray());
    assertThat(done.get("bytes_processed").asLong()).isEqualTo(local.size());

    // Another user sees no such job, nor its file.
    TestApi bob = freshUser();
    assertThat(getBytes(bob, "/api/v1/synth/" + id + "/download").status()).isEqualTo(404);
    bob.get("/api/v1/jobs/" + id).expect(404);
  }

  @Test
  void anAsyncJobDownloadsTheBytesOfTheStreamedRequest() {
    TestApi carol = freshUser();
    String req = "\"table\": \"customers\", \"seed\": 7, \"rows\": 1200, \"format\": \"sql:postgresql\"";
    Bytes streamed = postBytes(carol, "/api/v1/synth", body(shopText(), req));
    assertThat(streamed.status()).as(streamed.text()).isEqualTo(200);
    Bytes accepted = postBytes(carol, "/api/v1/synth", body(shopText(), req + ", \"async\": true"));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    String id = TestApi.JSON.readTree(accepted.text()).get("id").asString();
    assertThat(carol.awaitJob(id, WAIT).get("status").asString()).isEqualTo("SUCCEEDED");
    Bytes file = getBytes(carol, "/api/v1/synth/" + id + "/download");
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.body()).isEqualTo(streamed.body());
    assertThat(new String(file.body(), StandardCharsets.UTF_8)).contains("CREATE TABLE");
  }

  @Test
  void withoutATableAJobWritesEveryTable() throws IOException {
    TestApi dave = freshUser();
    // Under the stream limit with two tables and no table named: neither a stream nor a job.
    Bytes refused = postBytes(dave, "/api/v1/synth", body(shopText(), "\"rows\": 100"));
    assertError(refused, 400, "table");

    Bytes accepted = postBytes(dave, "/api/v1/synth", body(shopText(), "\"rows\": 3000, \"compress\": \"gzip\""));
    assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    JsonNode job = TestApi.JSON.readTree(accepted.text());
    String id = job.get("id").asString();
    assertThat(job.get("downloads").get("orders").asString()).endsWith("/download?table=orders");
    JsonNode done = dave.awaitJob(id, WAIT);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    assertThat(done.get("rows_processed").asLong()).isEqualTo(6000);

    assertError(getBytes(dave, "/api/v1/synth/" + id + "/download"), 400, "table");
    assertThat(getBytes(dave, "/api/v1/synth/" + id + "/download?table=nope").status()).isEqualTo(404);
    for (String table : List.of("customers", "orders")) {
      Bytes file = getBytes(dave, "/api/v1/synth/" + id + "/download?table=" + table);
      assertThat(file.status()).isEqualTo(200);
      assertThat(file.header("Content-Disposition")).contains(table + ".csv.gz");
      try (var in = new GZIPInputStream(new ByteArrayInputStream(file.body()))) {
        assertThat(csv(new String(in.readAllBytes(), StandardCharsets.UTF_8))).hasSize(3001);
      }
    }
  }

  static void assertError(Bytes r, int status, String field) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    JsonNode e = TestApi.JSON.readTree(r.text());
    assertThat(e.get("status").asInt()).isEqualTo(status);
    assertThat(e.get("detail").asString()).isNotBlank();
    if (field != null) {
      assertThat(e.path("field").asString()).as(r.text()).isEqualTo(field);
    }
  }

  static String oneTable(String rows, String fields) {
    return "{\"tables\": {\"t\": {\"rows\": " + rows + ", \"fields\": " + fields + "}}}";
  }

  @Test
  void hostileInputsAre400sNamingTheField() {
    String ok = "{\"a\": {\"kind\": \"int\", \"min\": 1, \"max\": 9}}";
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("10", "{\"a\": {\"kind\": \"bogus\"}}"), "")),
        400, "schema.tables.t.fields.a.kind");
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("-5", ok), "")), 400, "schema.tables.t.rows");
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("1000000000000", ok), "")), 400,
        "schema.tables.t.rows");
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("10", ok), "\"rows\": -1")), 400, "rows");
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("10", ok), "\"rows\": 1000000000000")), 400, "rows");
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("10", ok), "\"rows\": 1.5")), 400, "rows");
    // Every table of a job together above quarry.synth.max-rows (1,000,000 here), each under it.
    assertError(postBytes(admin, "/api/v1/synth", body(shopText(), "\"rows\": 600000")), 400, "rows");
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("10", ok), "\"seed\": \"x\"")), 400, "seed");
    Bytes jexl = postBytes(admin, "/api/v1/synth", body(oneTable("10",
        "{\"a\": {\"kind\": \"int\", \"min\": 1, \"max\": 9}, \"x\": {\"kind\": \"expr\", \"expr\": \"''.getClass()\"}}"), ""));
    assertThat(jexl.status()).as(jexl.text()).isEqualTo(400);
    assertThat(TestApi.JSON.readTree(jexl.text()).get("field").asString()).startsWith("schema.tables.t.fields.x");
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("10", ok), "\"format\": \"excel\"")), 400, "format");
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("10", ok), "\"compress\": \"rar\"")), 400, "compress");
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("10", ok), "\"table\": \"nope\"")), 400, "table");
    assertError(postBytes(admin, "/api/v1/synth", body(oneTable("10", ok), "\"colour\": 1")), 400, "colour");
    assertError(postBytes(admin, "/api/v1/synth", body("42", "")), 400, "schema");
    assertError(postBytes(admin, "/api/v1/synth", body("[1, 2]", "")), 400, "schema");
    assertError(postBytes(admin, "/api/v1/synth", body("\"tables: [unclosed\"", "")), 400, "schema");
    assertError(postBytes(admin, "/api/v1/synth", "{\"table\": \"t\"}"), 400, "schema");
    assertError(postBytes(admin, "/api/v1/synth", "[]"), 400, null);
    assertError(postBytes(admin, "/api/v1/synth", "{not json"), 400, null);
    assertError(postBytes(admin, "/generate-data", body(oneTable("10", "{\"a\": {\"kind\": \"bogus\"}}"), "")),
        400, "schema.tables.t.fields.a.kind");
  }

  @Test
  void anOversizedBodyIs413() {
    String big = "{\"schema\": \"" + "#".repeat(3 * 1024 * 1024) + "\"}";
    Bytes r = postBytes(admin, "/api/v1/synth", big);
    assertThat(r.status()).isEqualTo(413);
    assertThat(TestApi.JSON.readTree(r.text()).get("status").asInt()).isEqualTo(413);
  }

  @Test
  void perRequestAndPerDayQuotasAre429() {
    TestApi erin = freshUser();
    String one = oneTable("10", "{\"a\": {\"kind\": \"sequence\"}}");
    Bytes tooBig = postBytes(erin, "/api/v1/synth", body(one, "\"rows\": 60000"));
    assertError(tooBig, 429, "rows");
    assertThat(TestApi.JSON.readTree(tooBig.text()).get("detail").asString()).contains("per request");

    for (int i = 0; i < 2; i++) {
      Bytes accepted = postBytes(erin, "/api/v1/synth", body(one, "\"rows\": 50000"));
      assertThat(accepted.status()).as(accepted.text()).isEqualTo(202);
    }
    Bytes overDay = postBytes(erin, "/api/v1/synth", body(one, "\"rows\": 10"));
    assertError(overDay, 429, "rows");
    assertThat(TestApi.JSON.readTree(overDay.text()).get("detail").asString()).contains("today");
    // Another user's quota is their own.
    assertThat(postBytes(freshUser(), "/api/v1/synth", body(one, "\"rows\": 10")).status()).isEqualTo(200);
  }

  @Test
  void userStatsCountStreamedRowsAndStreamsHaveNoDownload() {
    TestApi frank = freshUser();
    Bytes r = postBytes(frank, "/api/v1/synth", body(shopText(), "\"table\": \"customers\", \"rows\": 1234"));
    assertThat(r.status()).isEqualTo(200);
    JsonNode stats = frank.get("/user-stats").expect(200).json();
    assertThat(stats).isEqualTo(frank.get("/api/v1/users/me/stats").expect(200).json());
    assertThat(stats.get("rowsProcessed").asLong()).isEqualTo(1234);
    JsonNode synth = stats.get("types").get(0);
    assertThat(synth.get("type").asString()).isEqualTo("synth");
    assertThat(synth.get("byStatus").get("SUCCEEDED").asLong()).isEqualTo(1);
    assertThat(synth.get("bytesProcessed").asLong()).isEqualTo(r.body().length);

    JsonNode jobs = frank.get("/api/v1/jobs?type=synth").expect(200).json();
    String id = jobs.get("items").get(0).get("id").asString();
    assertThat(jobs.get("items").get(0).get("stage").asString()).isEqualTo("STREAMED");
    assertError(getBytes(frank, "/api/v1/synth/" + id + "/download"), 404, null);
  }

  @Test
  void addUserIsForAdminsAndGivesAWorkingKey() {
    TestApi user = freshUser();
    assertError(postBytes(user, "/add-user", "{\"name\": \"mallory\"}"), 403, null);

    String name = "grace-" + UUID.randomUUID();
    Bytes created = postBytes(admin, "/add-user", "{\"name\": \"" + name + "\", \"role\": \"user\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    JsonNode c = TestApi.JSON.readTree(created.text());
    assertThat(c.get("user").get("name").asString()).isEqualTo(name);
    assertThat(c.get("user").get("role").asString()).isEqualTo("USER");
    TestApi grace = admin.as(c.get("key").asString());
    assertThat(grace.get("/api/v1/users/me").expect(200).json().get("name").asString()).isEqualTo(name);
    assertThat(grace.get("/user-stats").expect(200).json().get("jobs").asLong()).isZero();

    assertError(postBytes(admin, "/add-user", "{\"name\": \"" + name + "\"}"), 409, "name");
    assertError(postBytes(admin, "/add-user", "{\"name\": \"x\", \"role\": \"king\"}"), 400, "role");
    assertError(postBytes(admin, "/add-user", "{\"name\": \"  \"}"), 400, "name");
    assertError(postBytes(admin, "/add-user", "{}"), 400, "name");
  }
}
