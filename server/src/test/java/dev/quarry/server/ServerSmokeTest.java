package dev.quarry.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The service starts on its embedded defaults; health is open, everything else needs a key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServerSmokeTest {

  @TempDir static Path home;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("quarry.home", () -> home.toString());
    r.add("quarry.admin-key", () -> "qk_test_admin_key_0123456789");
    r.add("logging.structured.format.console", () -> "");
  }

  @LocalServerPort int port;

  private HttpResponse<String> get(String path, String key) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (key != null) {
      b.header("X-API-Key", key);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthIsOpenAndTheRestNeedsAKey() throws Exception {
    assertThat(get("/actuator/health", null).statusCode()).isEqualTo(200);
    HttpResponse<String> anon = get("/api/v1/jobs", null);
    assertThat(anon.statusCode()).isEqualTo(401);
    assertThat(anon.body()).contains("\"status\":401");
    assertThat(get("/api/v1/jobs", "qk_wrong").statusCode()).isEqualTo(401);
    assertThat(get("/v3/api-docs", null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/prometheus", "qk_test_admin_key_0123456789").statusCode()).isEqualTo(200);
  }
}
