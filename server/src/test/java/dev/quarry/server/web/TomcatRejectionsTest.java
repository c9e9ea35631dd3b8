package dev.quarry.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.QuarryServer;
import dev.quarry.server.jobs.TestApi;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Requests Tomcat refuses before the application sees them still get a JSON error. */
@SpringBootTest(classes = QuarryServer.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TomcatRejectionsTest {

  static final String ADMIN_KEY = "qk_test_admin_key_0123456789";

  @TempDir static Path home;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("quarry.home", () -> home.toString());
    r.add("quarry.admin-key", () -> ADMIN_KEY);
    r.add("logging.structured.format.console", () -> "");
  }

  @LocalServerPort int port;

  /** A raw HTTP/1.1 exchange: no client library normalizes or re-encodes the request target. */
  record Raw(int status, String headers, String body) {}

  Raw raw(String target) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nX-API-Key: " + ADMIN_KEY
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      InputStream in = s.getInputStream();
      String all = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int split = all.indexOf("\r\n\r\n");
      String head = all.substring(0, split);
      String body = all.substring(split + 4);
      if (head.toLowerCase().contains("transfer-encoding: chunked")) {
        body = dechunk(body);
      }
      int status = Integer.parseInt(head.substring(9, 12));
      return new Raw(status, head, body);
    }
  }

  private static String dechunk(String body) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (true) {
      int eol = body.indexOf("\r\n", i);
      int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(body, eol + 2, eol + 2 + size);
      i = eol + 2 + size + 2;
    }
  }

  @Test
  void pathsTomcatRefusesGetAJsonError() throws IOException {
    for (String target : List.of(
        "/profiler/job_status/..%2F..%2Fetc", // refused while decoding: no application is chosen
        "/profiler/job_status/..%5C..%5Cetc",
        "/profiler/job_status/%zz",
        "/profiler/job_status/a%00b",
        "/api/v1/jobs/%2e%2e/%2e%2e/%2e%2e/etc", // refused after decoding: Tomcat's sendError
        "/profiler/job_status/a|b")) { // an invalid character in the request line
      Raw r = raw(target);
      assertThat(r.status()).as(target + " -> " + r).isEqualTo(400);
      assertThat(r.headers()).as(target + " -> " + r).containsIgnoringCase("Content-Type: application/json");
      JsonNode error = TestApi.JSON.readTree(r.body());
      assertThat(error.get("status").asInt()).as(r.body()).isEqualTo(400);
      assertThat(error.get("error").asString()).isEqualTo("Bad Request");
      assertThat(error.get("detail").asString()).as(r.body()).contains("rejected");
      assertThat(r.body()).doesNotContain("Tomcat").doesNotContain("<html");
    }
  }

  @Test
  void errorsOfTheApplicationKeepTheirOwnAnswers() throws IOException {
    Raw missing = raw("/profiler/job_status/no-such-job");
    assertThat(missing.status()).isEqualTo(404);
    assertThat(TestApi.JSON.readTree(missing.body()).get("detail").asString()).contains("no-such-job");
    Raw direct = raw("/error");
    assertThat(direct.status()).isEqualTo(404);
    assertThat(TestApi.JSON.readTree(direct.body()).get("status").asInt()).isEqualTo(404);
  }
}
