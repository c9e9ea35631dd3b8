package dev.quarry.profile;

import static dev.quarry.profile.ProfileTesting.croissant;
import static dev.quarry.profile.ProfileTesting.croissantDistribution;
import static dev.quarry.profile.ProfileTesting.file;
import static dev.quarry.profile.ProfileTesting.recordSet;
import static dev.quarry.profile.ProfileTesting.recordSetIds;
import static dev.quarry.profile.ProfileTesting.sha256;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.S3ProxyServer;
import dev.quarry.core.storage.StorageConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * Profiles data that lives elsewhere: a folder of a CSV and a Parquet file under an S3 prefix
 * (S3Proxy on 127.0.0.1) and a CSV served over HTTP by a real server on 127.0.0.1. The remote
 * profile must say the same as the local one, down to every statistic and checksum.
 */
class RemoteProfileTest {

  private static LocalEngine engine;

  @TempDir Path dir;

  @BeforeAll
  static void start() {
    engine = new LocalEngine(2);
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void s3PrefixProfilesLikeTheLocalFolder() throws Exception {
    Path local = Files.createDirectories(dir.resolve("local"));
    People people = new People(30);
    Files.writeString(local.resolve("people.csv"), people.delimited(","));
    ProfileFormatsTest.writeParquet(local.resolve("measurements.parquet"), 500, 100);
    Profile localProfile = ProfileTesting.profile(engine, local);

    try (S3ProxyServer s3 = S3ProxyServer.start(); FileIO io = s3.newFileIO()) {
      s3.createBucket("lake");
      for (String name : List.of("people.csv", "measurements.parquet")) {
        byte[] bytes = Files.readAllBytes(local.resolve(name));
        io.newOutputFile(Location.parse("s3://lake/runs/2024/" + name)).write(out -> out.write(bytes));
      }
      // an object beside the prefix must not be listed
      io.newOutputFile(Location.parse("s3://lake/runs/other.csv"))
          .write(out -> out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));

      Profile remote = new Profiler(io, engine).profile(ProfileRequest.of("s3://lake/runs/2024/"));

      assertThat(remote.light().files()).extracting(FileEntry::id)
          .containsExactlyInAnyOrder("people.csv", "measurements.parquet");
      for (String name : List.of("people.csv", "measurements.parquet")) {
        FileEntry f = file(remote, name);
        assertThat(f.sha256()).as(name).isEqualTo(sha256(local.resolve(name)));
        assertThat(f.size()).as(name).isEqualTo(Files.size(local.resolve(name)));
        assertThat(f).as(name).isEqualTo(file(localProfile, name));
      }
      assertThat(remote.light().totalBytes()).isEqualTo(localProfile.light().totalBytes());
      assertThat(recordSetIds(remote)).containsExactlyInAnyOrder("people", "measurements");
      people.assertProfiled(recordSet(remote, "people"));
      assertThat(recordSet(remote, "measurements").rows()).isEqualTo(500);
      // every record set, field and statistic is the same as from the local copy (quantiles up
      // to their sketch's randomised compaction)
      for (RecordSetProfile rs : localProfile.heavy().recordSets()) {
        ProfileTesting.assertSameStatistics(rs, recordSet(remote, rs.id()), 0.05);
      }
      assertThat(remote.heavy().temporal()).isEqualTo(localProfile.heavy().temporal());
      JsonNode doc = croissant(remote);
      assertThat(doc.path("url").asString()).isEqualTo("s3://lake/runs/2024/");
      assertThat(croissantDistribution(doc, "people.csv").path("contentUrl").asString())
          .isEqualTo("people.csv");
    }
  }

  @Test
  void csvOverHttpFromAnAllowedHost() throws Exception {
    People people = new People(30);
    byte[] csv = people.delimited(",").getBytes(StandardCharsets.UTF_8);
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/data/x.csv", exchange -> serve(exchange, csv));
    server.start();
    try {
      int port = server.getAddress().getPort();
      String url = "http://127.0.0.1:" + port + "/data/x.csv";
      try (FileIO io = FileIO.create(
          StorageConfig.unrestricted().withAllowedHosts(List.of("127.0.0.1:" + port)))) {
        Profile p = new Profiler(io, engine).profile(ProfileRequest.of(url));
        assertThat(p.light().files()).hasSize(1);
        FileEntry f = p.light().files().get(0);
        assertThat(f.contentUrl()).isEqualTo(url);
        assertThat(f.sha256()).isEqualTo(sha256(csv));
        assertThat(f.size()).isEqualTo(csv.length);
        assertThat(f.encodingFormat()).isEqualTo("text/csv");
        assertThat(recordSetIds(p)).containsExactly("x");
        people.assertProfiled(recordSet(p, "x"));

        Path localCopy = dir.resolve("x.csv");
        Files.write(localCopy, csv);
        ProfileTesting.assertSameStatistics(
            recordSet(ProfileTesting.profile(engine, localCopy), "x"), recordSet(p, "x"), 0.0);
        croissant(p);
      }
      // loopback is refused unless the host is named: a profile cannot be aimed at local services
      try (FileIO io = FileIO.unrestricted()) {
        assertThatThrownBy(() -> new Profiler(io, engine).profile(ProfileRequest.of(url)))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("loopback");
      }
    } finally {
      server.stop(0);
    }
  }

  private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-(\\d*)");

  /** Serves {@code body} with HEAD and single byte ranges, as a static file server does. */
  private static void serve(HttpExchange ex, byte[] body)
      throws IOException {
    try (ex) {
      ex.getResponseHeaders().set("Content-Type", "text/csv");
      ex.getResponseHeaders().set("Accept-Ranges", "bytes");
      if (ex.getRequestMethod().equals("HEAD")) {
        ex.getResponseHeaders().set("Content-Length", Long.toString(body.length));
        ex.sendResponseHeaders(200, -1);
        return;
      }
      String range = ex.getRequestHeaders().getFirst("Range");
      int from = 0;
      int to = body.length - 1;
      int status = 200;
      if (range != null) {
        Matcher m = RANGE.matcher(range);
        if (m.matches()) {
          from = Integer.parseInt(m.group(1));
          if (!m.group(2).isEmpty()) {
            to = Math.min(to, Integer.parseInt(m.group(2)));
          }
          if (from >= body.length) {
            ex.getResponseHeaders().set("Content-Range", "bytes */" + body.length);
            ex.sendResponseHeaders(416, -1);
            return;
          }
          status = 206;
          ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + body.length);
        }
      }
      int length = to - from + 1;
      ex.sendResponseHeaders(status, length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body, from, length);
      }
    }
  }
}
