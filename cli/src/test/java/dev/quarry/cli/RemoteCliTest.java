package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.QuarryServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** {@code quarry profile --server} and {@code quarry jobs ...} against the real service. */
class RemoteCliTest {

  private static final String KEY = "qk_cli_test_admin_key_0123456789";

  @TempDir static Path home;
  private static ConfigurableApplicationContext server;
  private static String url;

  @BeforeAll
  static void start() throws Exception {
    Path data = Files.createDirectories(home.resolve("datasets/people"));
    StringBuilder csv = new StringBuilder("id,name,age\n");
    for (int i = 1; i <= 200; i++) {
      csv.append(i).append(",person").append(i).append(',').append(18 + i % 60).append('\n');
    }
    Files.writeString(data.resolve("people.csv"), csv);
    Files.createDirectories(home.resolve("datasets/empty"));
    Files.createFile(home.resolve("datasets/empty/nothing.csv"));
    // The CLI logs through slf4j-simple; leave logging alone instead of asking for Logback.
    System.setProperty("org.springframework.boot.logging.LoggingSystem", "none");
    server = new SpringApplicationBuilder(QuarryServer.class).run(
        "--server.port=0", "--quarry.home=" + home, "--quarry.admin-key=" + KEY,
        "--logging.structured.format.console=", "--quarry.jobs.polling-interval=200ms");
    int port = ((WebServerApplicationContext) server).getWebServer().getPort();
    url = "http://127.0.0.1:" + port;
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
  void profilesOnTheServerAndManagesJobs() throws Exception {
    Path out = home.resolve("remote.json");
    Run r = quarry("profile", "people", "--server", url, "--api-key", KEY, "-o", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String croissant = Files.readString(out);
    assertThat(croissant).contains("\"conformsTo\"").contains("people/age").contains("sc:Integer");

    Run html = quarry("profile", "people", "--server", url, "--api-key", KEY, "--format", "html");
    assertThat(html.code()).as(html.err()).isZero();
    assertThat(html.out()).startsWith("<!DOCTYPE html>");

    Run list = quarry("jobs", "list", "--server", url, "--api-key", KEY);
    assertThat(list.code()).isZero();
    assertThat(list.out()).contains("SUCCEEDED").containsPattern("\\((\\d+) of \\1\\)");
    String id = list.out().lines().filter(l -> l.contains("SUCCEEDED")).findFirst().orElseThrow()
        .split("\\s+")[0];

    Run status = quarry("jobs", "status", id, "--server", url, "--api-key", KEY);
    assertThat(status.code()).isZero();
    assertThat(status.out()).contains("\"status\" : \"SUCCEEDED\"").contains("HEAVY_PROFILES_READY");

    Run wait = quarry("jobs", "wait", id, "--server", url, "--api-key", KEY);
    assertThat(wait.code()).isZero();
    assertThat(wait.out()).contains(id + " SUCCEEDED");
  }

  @Test
  void failedJobsAndBadRequestsAreOneLine() {
    Run failed = quarry("profile", "empty", "--server", url, "--api-key", KEY);
    assertThat(failed.code()).as(failed.err()).isEqualTo(JobsCommand.JOB_DID_NOT_SUCCEED);
    assertThat(failed.err()).startsWith("quarry: job ").contains("FAILED");

    Run traversal = quarry("profile", "../../etc", "--server", url, "--api-key", KEY);
    assertThat(traversal.code()).isEqualTo(2);
    assertThat(traversal.err()).startsWith("quarry: ").contains("400").doesNotContain("\tat ");

    Run badKey = quarry("jobs", "list", "--server", url, "--api-key", "qk_nope");
    assertThat(badKey.code()).isEqualTo(2);
    assertThat(badKey.err()).contains("401");

    Run unknown = quarry("jobs", "status", "no-such-job", "--server", url, "--api-key", KEY);
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("404");

    Run down = quarry("jobs", "list", "--server", "http://127.0.0.1:1", "--api-key", KEY);
    assertThat(down.code()).isEqualTo(2);
    assertThat(down.err()).contains("cannot reach the server");

    Run noServer = quarry("jobs", "list", "--api-key", KEY);
    assertThat(noServer.code()).isEqualTo(2);
    assertThat(noServer.err()).contains("--server");
  }
}
