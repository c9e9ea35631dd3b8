package dev.quarry.server.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.storage.FileIO;
import dev.quarry.server.QuarryServer;
import dev.quarry.server.jobs.TestApi;
import dev.quarry.slice.RecordStream;
import dev.quarry.slice.Slice;
import dev.quarry.slice.SliceJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** /api/v1/slice over HTTP against the booted server, on files under its data root. */
@SpringBootTest(classes = QuarryServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SliceRoutesTest {

  static final String ADMIN_KEY = "qk_test_admin_key_slice_0123456789";
  static final Duration WAIT = Duration.ofSeconds(60);
  static final StringBuilder VCF = new StringBuilder("##fileformat=VCFv4.2\n#CHROM\tPOS\tID\tREF\tALT\n");

  @TempDir static Path home;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) throws IOException {
    Path data = home.resolve("datasets");
    Files.createDirectories(data.resolve("genomes"));
    for (int i = 0; i < 500; i++) {
      VCF.append("1\t").append(100 + i).append("\trs").append(i).append("\tA\tG\n");
    }
    Files.writeString(data.resolve("genomes/calls.vcf"), VCF);
    Files.writeString(data.resolve("genomes/bad.csv"), "a,b\r\n1,\"open\r\n2,3\r\n");
    r.add("quarry.home", () -> home.toString());
    r.add("quarry.admin-key", () -> ADMIN_KEY);
    r.add("quarry.jobs.retry-backoff", () -> "100ms");
    r.add("quarry.jobs.polling-interval", () -> "200ms");
    r.add("quarry.rate-limit.enabled", () -> "false");
    r.add("logging.structured.format.console", () -> "");
  }

  @LocalServerPort int port;
  TestApi api;

  @BeforeEach
  void setUp() {
    api = new TestApi(port, ADMIN_KEY);
  }

  @Test
  void preprocessJobThenPartitionReturnsSlicesThatReadBackTheVariants() throws IOException {
    assertThat(api.get("/api/v1/slice/formats").expect(200).json().get("formats").toString())
        .contains("fastq.gz").contains("parquet");
    assertThat(api.post("/api/v1/slice/partition",
            "{\"object\": \"genomes/calls.vcf\", \"format\": \"vcf\", \"slices\": 3}").status())
        .isEqualTo(409);

    JsonNode job = api.post("/api/v1/slice/preprocess",
        "{\"object\": \"genomes/calls.vcf\", \"format\": \"vcf\", \"meta\": \"genomes/index\"}")
        .expect(202).json();
    assertThat(job.get("type").asString()).isEqualTo("slice-preprocess");
    JsonNode done = api.awaitJob(job.get("id").asString(), WAIT);
    assertThat(done.get("status").asString()).as(done.toString()).isEqualTo("SUCCEEDED");
    JsonNode result = api.get("/api/v1/slice/preprocess/" + job.get("id").asString()).expect(200).json()
        .get("result");
    assertThat(result.get("records").asLong()).isEqualTo(500);
    assertThat(result.get("header_bytes").asInt()).isEqualTo(VCF.indexOf("1\t100"));
    assertThat(Files.exists(home.resolve("datasets/genomes/index/vcf.index.json"))).isTrue();

    TestApi.Response partition = api.post("/api/v1/slice/partition",
        "{\"object\": \"genomes/calls.vcf\", \"format\": \"vcf\", \"meta\": \"genomes/index\", \"records\": 64}")
        .expect(200);
    JsonNode body = partition.json();
    assertThat(body.get("count").asInt()).isEqualTo(8);
    assertThat(body.get("records").asLong()).isEqualTo(500);
    List<Slice> slices = SliceJson.readSlices(
        new ByteArrayInputStream(body.get("slices").toString().getBytes(StandardCharsets.UTF_8)), "response");
    StringBuilder back = new StringBuilder(new String(slices.get(0).header(), StandardCharsets.UTF_8));
    try (FileIO io = FileIO.unrestricted()) {
      for (Slice s : slices) {
        try (RecordStream records = s.open(io)) {
          byte[] r;
          while ((r = records.next()) != null) {
            back.append(new String(r, StandardCharsets.UTF_8));
          }
        }
      }
    }
    assertThat(back.toString()).isEqualTo(VCF.toString());
  }

  @Test
  void mistakesAre4xxJson() {
    TestApi.Response r = api.post("/api/v1/slice/preprocess", "{\"object\": \"genomes/calls.vcf\", \"format\": \"xls\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().toString()).contains("unknown slice format 'xls'");
    r = api.post("/api/v1/slice/preprocess", "{\"object\": \"genomes/none.vcf\", \"format\": \"vcf\"}");
    assertThat(r.status()).isEqualTo(404);
    r = api.post("/api/v1/slice/preprocess", "{\"object\": \"../../etc/passwd\", \"format\": \"text\"}");
    assertThat(r.status()).isEqualTo(400);
    r = api.post("/api/v1/slice/preprocess", "{\"object\": \"/etc/passwd\", \"format\": \"text\"}");
    assertThat(r.status()).isEqualTo(403);
    r = api.post("/api/v1/slice/preprocess", "{\"object\": \"s3://bucket/x\", \"format\": \"text\"}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().toString()).contains("not enabled");
    r = api.post("/api/v1/slice/partition",
        "{\"object\": \"genomes/calls.vcf\", \"format\": \"vcf\", \"slices\": 3, \"records\": 5}");
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().toString()).contains("exactly one");

    JsonNode job = api.post("/api/v1/slice/preprocess", "{\"object\": \"genomes/bad.csv\", \"format\": \"csv\"}")
        .expect(202).json();
    JsonNode done = api.awaitJob(job.get("id").asString(), WAIT);
    assertThat(done.get("status").asString()).isEqualTo("FAILED");
    assertThat(done.get("error").asString()).contains("bad.csv").contains("at byte 7").contains("unclosed quote");
    assertThat(done.get("attempts").asInt()).isEqualTo(1);
  }
}
