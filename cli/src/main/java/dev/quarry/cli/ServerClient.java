package dev.quarry.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small client of a running Quarry service: JSON over HTTP with an API key. Errors come back as
 * {@link ServerException}s carrying the service's own message ({@code detail}).
 */
final class ServerClient {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private final URI base;
  private final String apiKey;
  private final HttpClient http;

  ServerClient(String baseUrl, String apiKey) {
    if (baseUrl == null || baseUrl.isBlank()) {
      throw new IllegalArgumentException("no server: pass --server URL or set QUARRY_SERVER");
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("no API key: pass --api-key KEY or set QUARRY_API_KEY");
    }
    try {
      URI u = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
        throw new IllegalArgumentException("the server URL must start with http:// or https://: " + baseUrl);
      }
      this.base = u;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a valid server URL: " + baseUrl, e);
    }
    this.apiKey = apiKey;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  JsonNode get(String path) throws IOException {
    return json(send(request(path).GET().build()), path);
  }

  String getText(String path) throws IOException {
    return send(request(path).GET().build());
  }

  JsonNode post(String path, Object body) throws IOException {
    String payload = body == null ? "" : JSON.writeValueAsString(body);
    return json(send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(payload)).build()), path);
  }

  /** POSTs a file as the multipart part {@code file}. */
  JsonNode postFile(String path, java.nio.file.Path file) throws IOException {
    String boundary = "----quarry" + java.util.UUID.randomUUID();
    String name = file.getFileName().toString().replace("\"", "_");
    byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + name + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
        HttpRequest.BodyPublishers.ofByteArray(head), HttpRequest.BodyPublishers.ofFile(file),
        HttpRequest.BodyPublishers.ofByteArray(tail));
    return json(send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(body).build()), path);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path.startsWith("/") ? path.substring(1) : path))
        .timeout(Duration.ofMinutes(2))
        .header("X-API-Key", apiKey)
        .header("Accept", "application/json, application/ld+json, text/html");
  }

  private String send(HttpRequest request) throws IOException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (ConnectException e) {
      throw new ServerException(0, "cannot reach the server at " + base + " (is it running?)");
    } catch (HttpTimeoutException e) {
      throw new ServerException(0, "the server at " + base + " did not answer in time");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    int status = response.statusCode();
    if (status >= 400) {
      String detail = response.body();
      try {
        JsonNode n = JSON.readTree(detail);
        if (n.hasNonNull("detail")) {
          detail = n.get("detail").asString();
        }
      } catch (JacksonException notJson) {
        // keep the body as it is
      }
      throw new ServerException(status, request.method() + " " + request.uri().getPath() + ": "
          + status + " " + detail);
    }
    return response.body();
  }

  private static JsonNode json(String body, String path) throws IOException {
    try {
      return JSON.readTree(body);
    } catch (JacksonException e) {
      throw new IOException(path + ": the server did not answer JSON", e);
    }
  }

  /** The service refused or could not be reached; 4xx and unreachable are the user's to fix. */
  static final class ServerException extends IOException {
    private final int status;

    ServerException(int status, String message) {
      super(message);
      this.status = status;
    }

    boolean userError() {
      return status == 0 || (status >= 400 && status < 500);
    }
  }
}
