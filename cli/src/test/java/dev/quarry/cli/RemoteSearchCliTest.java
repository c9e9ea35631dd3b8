package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.QuarryServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code quarry search --server}: keywords and join discovery against the real service. */
class RemoteSearchCliTest {

  private static final String KEY = "qk_cli_search_admin_key_012345";

  @TempDir static Path home;
  private static ConfigurableApplicationContext server;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createDirectories(home.resolve("datasets/sensors"));
    StringBuilder csv = new StringBuilder("sensor_id,district\n");
    for (int i = 0; i < 150; i++) {
      csv.append("N").append(i).append(",d").append(i % 5).append('\n');
    }
    Files.writeString(data.resolve("sensors.csv"), csv);
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    server = new SpringApplicationBuilder(QuarryServer.class).run(
        "--server.port=0", "--quarry.home=" + home, "--quarry.admin-key=" + KEY,
        "--logging.structured.format.console=", "--quarry.jobs.polling-interval=200ms");
    url = "http://127.0.0.1:" + ((WebServerApplicationContext) server).getWebServer().getPort();
    HttpClient http = HttpClient.newHttpClient();
    String body = """
        {"name": "Noise sensors", "description": "Street noise sensors by district",
         "data_connectors": [{"type": "RawDataPath", "dataset_id": "sensors"}]}""";
    String created = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/datasets"))
        .header("X-API-Key", KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).body();
    String id = created.replaceAll("(?s).*\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (Instant.now().isBefore(deadline)) {
      String s = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/catalog/" + id))
          .header("X-API-Key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
      if (s.contains("\"indexed\"")) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("dataset " + id + " was not indexed");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private record Run(int code, String out, String err) {}

  private static Run quarry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = QuarryCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void searchesAndJoinsOnTheService() throws Exception {
    Run kw = quarry("search", "noise", "--server", url, "--api-key", KEY);
    assertThat(kw.code()).as(kw.err()).isZero();
    assertThat(kw.out()).startsWith("1 datasets").contains("Noise sensors").contains("<b>Noise</b>");

    Path mine = home.resolve("mine.csv");
    StringBuilder csv = new StringBuilder("sensor,reading\n");
    for (int i = 0; i < 100; i++) {
      csv.append("n").append(i * 2).append(',').append(i).append('\n');
    }
    Files.writeString(mine, csv);
    Run join = quarry("search", "--join", mine.toString(), "--server", url, "--api-key", KEY);
    assertThat(join.code()).as(join.err()).isZero();
    assertThat(join.out()).contains("Noise sensors").contains("sensor -> sensor_id (values 0.7");

    Run bad = quarry("search", "x", "--bbox", "0,0,200,1", "--server", url, "--api-key", KEY);
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("quarry: ").contains("maxLon");
  }
}
