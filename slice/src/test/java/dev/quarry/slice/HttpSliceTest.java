package dev.quarry.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.StorageConfig;
import dev.quarry.slice.Samples.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Objects on a read-only HTTP server on 127.0.0.1 that honours Range, the metadata in a local
 * folder. A plain object is scanned and read with range requests only; a gzip one is streamed once
 * to index it, and its slices then use range requests.
 */
class HttpSliceTest {

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");
  private static final Map<String, byte[]> OBJECTS = new ConcurrentHashMap<>();
  private static final AtomicInteger WHOLE_GETS = new AtomicInteger();
  private static HttpServer server;
  private static String base;
  private static FileIO io;
  private static LocalEngine engine;
  @TempDir static Path dir;

  @BeforeAll
  static void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", HttpSliceTest::serve);
    server.start();
    String host = "127.0.0.1:" + server.getAddress().getPort();
    base = "http://" + host + "/";
    io = FileIO.create(StorageConfig.unrestricted().withAllowedHosts(List.of(host)));
    engine = new LocalEngine(2);
  }

  @AfterAll
  static void stop() throws IOException {
    engine.close();
    io.close();
    server.stop(0);
  }

  private static void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] data = OBJECTS.get(exchange.getRequestURI().getPath().substring(1));
      if (data == null) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      var headers = exchange.getResponseHeaders();
      headers.set("ETag", "\"" + java.util.Arrays.hashCode(data) + "\"");
      headers.set("Accept-Ranges", "bytes");
      long from = 0;
      long to = data.length - 1;
      int status = 200;
      String range = exchange.getRequestHeaders().getFirst("Range");
      if (range != null) {
        Matcher m = RANGE.matcher(range);
        if (!m.matches()) {
          exchange.sendResponseHeaders(400, -1);
          return;
        }
        from = Long.parseLong(m.group(1));
        if (from >= data.length) {
          headers.set("Content-Range", "bytes */" + data.length);
          exchange.sendResponseHeaders(416, -1);
          return;
        }
        if (!m.group(2).isEmpty()) {
          to = Math.min(to, Long.parseLong(m.group(2)));
        }
        status = 206;
        headers.set("Content-Range", "bytes " + from + "-" + to + "/" + data.length);
      } else if (exchange.getRequestMethod().equals("GET")) {
        WHOLE_GETS.incrementAndGet();
      }
      long length = to - from + 1;
      if (exchange.getRequestMethod().equals("HEAD")) {
        headers.set("Content-Length", Long.toString(length));
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(data, (int) from, (int) length);
      } catch (IOException clientStoppedReading) {
        // a reader that has what it needs closes early
      }
    }
  }

  @Test
  void csvAndGzipFastqOverHttpRangeRequests() throws IOException {
    for (Sample sample :
        List.of(Samples.csv(400, 21), Samples.gzip(Samples.fastq(400, 22), 2, 600))) {
      String name = "objects/" + sample.format();
      OBJECTS.put(name, sample.bytes());
      Location object = Location.parse(base + name);
      Location meta = Location.ofLocal(dir.resolve("meta-" + sample.format()));
      Slicer slicer = new Slicer(io, engine);
      assertThatThrownBy(() -> slicer.preprocess(object, sample.format(), SliceRoundTripTest.tiny(null)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("give a metadata location");
      slicer.preprocess(object, sample.format(), SliceRoundTripTest.tiny(meta));
      for (int n : SliceRoundTripTest.COUNTS) {
        List<Slice> slices = slicer.partition(object, sample.format(), meta, PartitionStrategy.slices(n));
        SliceRoundTripTest.io = io;
        assertThat(SliceRoundTripTest.readAll(slices)).as(sample.format() + " " + n)
            .isEqualTo(sample.recordStrings());
      }
      if (!sample.format().endsWith(".gz")) {
        assertThat(WHOLE_GETS.get()).as("GETs without a Range").isZero();
      }
    }
  }
}
