package dev.quarry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Against real HTTP servers on 127.0.0.1: one honouring Range, paths that ignore it or refuse HEAD. */
class HttpBackendTest {

  private static final byte[] DATA = new byte[1000];
  private static final Instant MODIFIED = Instant.parse("2025-03-04T05:06:07Z");
  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  private static HttpServer server;
  private static HttpServer bystander;
  private static final AtomicInteger bystanderHits = new AtomicInteger();
  private static String base;
  private static FileIO io;

  @BeforeAll
  static void start() throws IOException {
    for (int i = 0; i < DATA.length; i++) {
      DATA[i] = (byte) (i * 7 % 251);
    }
    bystander = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    bystander.createContext("/", exchange -> {
      bystanderHits.incrementAndGet();
      serve(exchange, true);
    });
    bystander.start();

    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/files/", exchange -> serve(exchange, true));
    server.createContext("/norange/", exchange -> serve(exchange, false));
    server.createContext("/nohead/", exchange -> {
      if (exchange.getRequestMethod().equals("HEAD")) {
        reply(exchange, 405);
      } else {
        serve(exchange, true);
      }
    });
    server.createContext("/redirect/", HttpBackendTest::redirect);
    server.start();
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    // Loopback is only reachable when named: name this server (and only this port).
    io = FileIO.create(StorageConfig.unrestricted().withAllowedHosts(List.of("127.0.0.1:" + server.getAddress().getPort())));
  }

  @AfterAll
  static void stop() throws IOException {
    io.close();
    server.stop(0);
    bystander.stop(0);
  }

  /** Serves DATA at any path not ending in "missing"; with or without honouring Range. */
  private static void serve(HttpExchange exchange, boolean honourRange) throws IOException {
    try (exchange) {
      if (exchange.getRequestURI().getPath().endsWith("missing")) {
        reply(exchange, 404);
        return;
      }
      var headers = exchange.getResponseHeaders();
      headers.set("ETag", "\"v1\"");
      headers.set("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(MODIFIED.atOffset(ZoneOffset.UTC)));
      headers.set("Accept-Ranges", honourRange ? "bytes" : "none");
      int from = 0;
      int to = DATA.length - 1;
      int status = 200;
      String range = exchange.getRequestHeaders().getFirst("Range");
      if (honourRange && range != null) {
        Matcher m = RANGE.matcher(range);
        if (!m.matches()) {
          reply(exchange, 400);
          return;
        }
        from = Integer.parseInt(m.group(1));
        if (from >= DATA.length) {
          headers.set("Content-Range", "bytes */" + DATA.length);
          reply(exchange, 416);
          return;
        }
        if (!m.group(2).isEmpty()) {
          to = Math.min(to, Integer.parseInt(m.group(2)));
        }
        status = 206;
        headers.set("Content-Range", "bytes " + from + "-" + to + "/" + DATA.length);
      }
      int length = to - from + 1;
      if (exchange.getRequestMethod().equals("HEAD")) {
        headers.set("Content-Length", Integer.toString(length));
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(DATA, from, length);
      }
    }
  }

  private static void redirect(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = switch (exchange.getRequestURI().getPath()) {
        case "/redirect/relative" -> "/files/data.bin";
        case "/redirect/chain" -> "/redirect/relative";
        case "/redirect/metadata" -> "http://169.254.169.254/latest/meta-data/iam/";
        case "/redirect/other-port" -> "http://127.0.0.1:" + bystander.getAddress().getPort() + "/data.bin";
        case "/redirect/loop" -> "/redirect/loop";
        default -> null;
      };
      if (target == null) {
        reply(exchange, 404);
        return;
      }
      exchange.getResponseHeaders().set("Location", target);
      exchange.sendResponseHeaders(302, -1);
    }
  }

  private static void reply(HttpExchange exchange, int status) throws IOException {
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  private static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  private static byte[] slice(int from, int length) {
    return Arrays.copyOfRange(DATA, from, Math.min(DATA.length, from + length));
  }

  @Test
  void statReadsLengthDateAndEtagFromHead() throws IOException {
    FileStatus status = io.stat(Location.parse(base + "/files/data.bin?token=abc"));
    assertThat(status.size()).isEqualTo(DATA.length);
    assertThat(status.modified()).isEqualTo(MODIFIED);
    assertThat(status.etag()).isEqualTo("\"v1\"");
    assertThat(io.exists(Location.parse(base + "/files/data.bin"))).isTrue();
    assertThat(io.isDirectory(Location.parse(base + "/files/data.bin"))).isFalse();
  }

  @Test
  void statFallsBackToARangedGetWhenHeadIsRefused() throws IOException {
    FileStatus status = io.stat(Location.parse(base + "/nohead/data.bin"));
    assertThat(status.size()).isEqualTo(DATA.length);
    assertThat(status.etag()).isEqualTo("\"v1\"");
  }

  @Test
  void readsWholeAndByRangeFromAServerThatHonoursRange() throws IOException {
    InputFile file = io.newInputFile(base + "/files/data.bin");
    assertThat(read(file.newStream())).isEqualTo(DATA);
    assertThat(read(file.openRange(0, 10))).isEqualTo(slice(0, 10));
    assertThat(read(file.openRange(500, 37))).isEqualTo(slice(500, 37));
    assertThat(read(file.openRange(990, -1))).isEqualTo(slice(990, 10));
    assertThat(read(file.openRange(995, 100))).isEqualTo(slice(995, 5));
    assertThat(read(file.openRange(1000, 10))).isEmpty();
    byte[] buffer = new byte[8];
    file.readFully(123, buffer, 0, 8);
    assertThat(buffer).isEqualTo(slice(123, 8));
  }

  @Test
  void rangesAreCutCorrectlyWhenTheServerIgnoresRange() throws IOException {
    InputFile file = io.newInputFile(base + "/norange/data.bin");
    assertThat(file.length()).isEqualTo(DATA.length);
    assertThat(read(file.openRange(0, 10))).isEqualTo(slice(0, 10));
    assertThat(read(file.openRange(500, 37))).isEqualTo(slice(500, 37));
    assertThat(read(file.openRange(990, -1))).isEqualTo(slice(990, 10));
    assertThat(read(file.openRange(995, 100))).isEqualTo(slice(995, 5));
    try (InputStream in = file.openRange(1, 3)) {
      assertThat(in.read()).isEqualTo(DATA[1] & 0xff);
      assertThat(in.readNBytes(10)).isEqualTo(slice(2, 2));
      assertThat(in.read()).isEqualTo(-1);
    }
  }

  @Test
  void redirectsWithinAllowedHostsAreFollowed() throws IOException {
    InputFile file = io.newInputFile(base + "/redirect/chain");
    assertThat(file.length()).isEqualTo(DATA.length);
    assertThat(read(file.openRange(100, 5))).isEqualTo(slice(100, 5));
  }

  @Test
  void redirectToMetadataIsRefused() {
    assertThatThrownBy(() -> io.newInputFile(base + "/redirect/metadata"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageStartingWith(base + "/redirect/metadata")
        .hasMessageContaining("redirect refused")
        .hasMessageContaining("cloud metadata");
  }

  @Test
  void redirectToAHostNotInTheListIsRefusedBeforeItIsContacted() {
    int before = bystanderHits.get();
    assertThatThrownBy(() -> io.newInputFile(base + "/redirect/other-port"))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("not in the allowed hosts");
    assertThat(bystanderHits.get()).isEqualTo(before);
  }

  @Test
  void redirectLoopsStop() {
    assertThatThrownBy(() -> io.newInputFile(base + "/redirect/loop"))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.userError()).isTrue())
        .hasMessageContaining("more than " + HttpBackend.MAX_REDIRECTS + " redirects");
  }

  @Test
  void missingResourceIsAUserErrorNamingTheUrl() throws IOException {
    String url = base + "/files/missing";
    assertThatThrownBy(() -> io.newInputFile(url))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.userError()).isTrue())
        .hasMessage(url + ": not found (HTTP 404)");
    assertThat(io.exists(Location.parse(url))).isFalse();
  }

  @Test
  void httpIsReadOnlyAndHasNoListing() {
    Location loc = Location.parse(base + "/files/data.bin");
    assertThatThrownBy(() -> io.newOutputFile(loc)).hasMessageContaining("read-only");
    assertThatThrownBy(() -> io.delete(loc)).hasMessageContaining("read-only");
    assertThatThrownBy(() -> io.list(loc, ListOptions.RECURSIVE))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.userError()).isTrue())
        .hasMessageContaining("cannot be listed");
  }

  @Test
  void loopbackIsDeniedWhenNotNamed() throws IOException {
    try (FileIO open = FileIO.unrestricted()) {
      assertThatThrownBy(() -> open.newInputFile(base + "/files/data.bin"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("loopback");
    }
  }
}
