package dev.quarry.server.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the server under test, as an outside caller would talk to it. */
public final class TestHttp {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  /** How a request authenticates: an API key, a bearer token, or nothing. */
  public record Credentials(String header, String value) {
    public static final Credentials NONE = new Credentials(null, null);

    public static Credentials key(String key) {
      return new Credentials("X-API-Key", key);
    }

    public static Credentials bearer(String token) {
      return new Credentials("Authorization", "Bearer " + token);
    }
  }

  private final int port;

  public TestHttp(int port) {
    this.port = port;
  }

  public HttpResponse<String> get(String path, Credentials auth) {
    return send("GET", path, auth, null);
  }

  public HttpResponse<String> post(String path, Credentials auth, String json) {
    return send("POST", path, auth, json);
  }

  public HttpResponse<String> delete(String path, Credentials auth) {
    return send("DELETE", path, auth, null);
  }

  public HttpResponse<String> send(String method, String path, Credentials auth, String json) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    if (auth.header() != null) {
      b.header(auth.header(), auth.value());
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    try {
      return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }
}
