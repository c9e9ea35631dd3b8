package dev.quarry.server.catalog;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** A multipart/form-data body built by hand for tests (the JDK client has none). */
final class Multipart {

  private final String boundary = "----quarry" + UUID.randomUUID();
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  Multipart file(String name, String fileName, byte[] content) {
    head("Content-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName + "\"\r\n"
        + "Content-Type: application/octet-stream\r\n\r\n");
    body.writeBytes(content);
    body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
    return this;
  }

  Multipart text(String name, String value) {
    head("Content-Disposition: form-data; name=\"" + name + "\"\r\n"
        + "Content-Type: text/plain; charset=UTF-8\r\n\r\n");
    body.writeBytes((value + "\r\n").getBytes(StandardCharsets.UTF_8));
    return this;
  }

  private void head(String h) {
    body.writeBytes(("--" + boundary + "\r\n" + h).getBytes(StandardCharsets.UTF_8));
  }

  HttpRequest.Builder post(String url) {
    byte[] bytes = body.toByteArray();
    byte[] end = ("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[bytes.length + end.length];
    System.arraycopy(bytes, 0, all, 0, bytes.length);
    System.arraycopy(end, 0, all, bytes.length, end.length);
    return HttpRequest.newBuilder(URI.create(url))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(all));
  }
}
