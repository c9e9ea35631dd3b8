package dev.quarry.search.discovery;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A portal on 127.0.0.1 serving recorded, real-shaped API answers and data files by path (query
 * strings ignored), with ETags and HEAD, so discoverers talk to HTTP as they would in production.
 */
public final class FakePortal implements AutoCloseable {

  private final HttpServer server;
  private final Map<String, byte[]> routes = new ConcurrentHashMap<>();
  private final Map<String, Integer> hits = new ConcurrentHashMap<>();

  public FakePortal() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Serves {@code body} at {@code path}, with {@code {{base}}} replaced by this portal's URL. */
  public FakePortal route(String path, String body) {
    routes.put(path, body.replace("{{base}}", base()).getBytes(StandardCharsets.UTF_8));
    return this;
  }

  /** Serves a test resource (a recorded API answer) at {@code path}. */
  public FakePortal fixture(String path, String resource) {
    try (InputStream in = FakePortal.class.getResourceAsStream("/discovery/" + resource)) {
      return route(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public FakePortal remove(String path) {
    routes.remove(path);
    return this;
  }

  public int hits(String path) {
    return hits.getOrDefault(path, 0);
  }

  private void handle(HttpExchange ex) throws IOException {
    String path = ex.getRequestURI().getRawPath();
    hits.merge(path, 1, Integer::sum);
    byte[] body = routes.get(path);
    try (ex) {
      if (body == null) {
        ex.sendResponseHeaders(404, -1);
        return;
      }
      ex.getResponseHeaders().set("ETag", "\"" + etag(body) + "\"");
      ex.getResponseHeaders().set("Content-Type", path.endsWith(".csv") || path.endsWith("content")
          || path.endsWith("rows.csv") ? "text/csv" : "application/json");
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
        ex.sendResponseHeaders(200, -1);
        return;
      }
      String range = ex.getRequestHeaders().getFirst("Range");
      if (range != null && range.startsWith("bytes=")) {
        String[] r = range.substring(6).split("-", 2);
        int from = Integer.parseInt(r[0]);
        int to = r.length > 1 && !r[1].isEmpty() ? Math.min(Integer.parseInt(r[1]), body.length - 1)
            : body.length - 1;
        if (from >= body.length) {
          ex.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
          ex.sendResponseHeaders(416, -1);
          return;
        }
        ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
        ex.sendResponseHeaders(206, to - from + 1);
        try (OutputStream os = ex.getResponseBody()) {
          os.write(body, from, to - from + 1);
        }
        return;
      }
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream os = ex.getResponseBody()) {
        os.write(body);
      }
    }
  }

  private static String etag(byte[] body) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)).substring(0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
