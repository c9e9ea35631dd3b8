package dev.quarry.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A small HTTP client for tests against a running server. */
public final class TestApi {

  public static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final String base;
  private final String key;

  public TestApi(int port, String key) {
    this.base = "http://127.0.0.1:" + port;
    this.key = key;
  }

  public TestApi as(String otherKey) {
    return new TestApi(Integer.parseInt(base.substring(base.lastIndexOf(':') + 1)), otherKey);
  }

  public record Response(int status, String body, java.net.http.HttpHeaders headers) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public Response expect(int code) {
      assertThat(status).as("status of a response with body %s", body).isEqualTo(code);
      return this;
    }
  }

  public Response get(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
  }

  public Response delete(String path) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).DELETE());
  }

  public Response post(String path, String json) {
    return post(path, json, "application/json");
  }

  public Response post(String path, String body, String contentType) {
    return send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  public Response send(HttpRequest.Builder b) {
    if (key != null) {
      b.header("X-API-Key", key);
    }
    try {
      HttpResponse<String> r = HTTP.send(b.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString());
      return new Response(r.statusCode(), r.body(), r.headers());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Polls {@code path} until its JSON satisfies {@code done}, failing after {@code timeout}. */
  public JsonNode await(String path, Predicate<JsonNode> done, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      Response r = get(path);
      if (r.status() == 200) {
        last = r.json();
        if (done.test(last)) {
          return last;
        }
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("timed out waiting on " + path + "; last answer: " + last);
  }

  public JsonNode awaitJob(String id, Duration timeout) {
    return await("/api/v1/jobs/" + id, j -> j.get("status").asString().matches("SUCCEEDED|FAILED|CANCELLED"), timeout);
  }
}
