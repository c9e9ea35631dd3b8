package dev.quarry.server.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.QuarryServer;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The service runs as a separate JVM on its embedded H2 file database, is killed with SIGKILL while
 * profile jobs run, and is started again on the same home: every job ends SUCCEEDED exactly once,
 * the killed ones after one more attempt, the others after one, with whole results and no
 * leftovers in the results folders or in db-scheduler's table.
 *
 * <p>Which jobs were killed mid-run is read from the database file itself between the two JVMs
 * (the {@code jobs} rows the crash left behind), not from what the API showed just before the kill.
 */
class CrashRecoveryTest {

  static final String ADMIN_KEY = "qk_test_admin_key_0123456789";
  /**
   * Rows per dataset (some 50 bytes each): the first is small so that its job ends before the kill,
   * the others take seconds to profile.
   */
  static final int[] ROWS = {30_000, 400_000, 400_000, 300_000, 300_000};
  static final List<String> COLUMNS = List.of("id", "amount", "day", "city", "note");
  static final Duration BOOT = Duration.ofSeconds(60);

  @TempDir Path tmp;

  @Test
  void aKilledServerFinishesEveryJobExactlyOnceAfterARestart() throws Exception {
    Path home = tmp.resolve("home");
    List<String> datasets = new ArrayList<>();
    for (int i = 0; i < ROWS.length; i++) {
      datasets.add("crash-" + i);
      writeCsv(home.resolve("datasets").resolve("crash-" + i).resolve("data.csv"), ROWS[i], i);
    }
    List<Path> logs = List.of(tmp.resolve("first.log"), tmp.resolve("second.log"));
    ServerProcess first = null;
    ServerProcess second = null;
    try {
      first = ServerProcess.start(home, logs.get(0));
      TestApi api = first.api();
      Map<String, Integer> rowsByJob = new LinkedHashMap<>();
      for (int i = 0; i < datasets.size(); i++) {
        JsonNode r = api.post("/profiler/trigger_profile", trigger(datasets.get(i))).expect(200).json();
        rowsByJob.put(r.get("job_id").asString(), ROWS[i]);
      }
      List<String> submitted = List.copyOf(rowsByJob.keySet());

      // Kill once one job has ended and another is in the middle of its run. Seen on two polls in a
      // row: an ending is flushed to disk just after its commit, which the API may show first.
      awaitStatuses(api, submitted, s -> s.contains("SUCCEEDED") && s.contains("RUNNING"), Duration.ofSeconds(60));
      List<String> seen = awaitStatuses(api, submitted,
          s -> s.contains("SUCCEEDED") && s.contains("RUNNING"), Duration.ofSeconds(1));
      // And one more job, acknowledged just before the kill.
      String late = api.post("/profiler/trigger_profile", trigger(datasets.get(0))).expect(200).json()
          .get("job_id").asString();
      first.kill();
      Instant killedAt = Instant.now();
      rowsByJob.put(late, ROWS[0]);
      List<String> ids = List.copyOf(rowsByJob.keySet());

      // Nothing acknowledged is forgotten: every submission, every ending the API had shown.
      Map<String, Row> atCrash = jobRows(home);
      assertThat(atCrash.keySet()).as("jobs in the database after the kill").containsAll(ids);
      for (int i = 0; i < submitted.size(); i++) {
        if (seen.get(i).equals("SUCCEEDED")) {
          assertThat(atCrash.get(submitted.get(i)).status()).as("job seen ended before the kill")
              .isEqualTo("SUCCEEDED");
        }
      }
      List<String> killed = ids.stream().filter(id -> atCrash.get(id).status().equals("RUNNING")).toList();
      assertThat(killed).as("jobs running when the server was killed: %s", atCrash).isNotEmpty();
      assertThat(ids).as("jobs that had ended before the kill: %s", atCrash)
          .anyMatch(id -> atCrash.get(id).status().equals("SUCCEEDED"));

      // A kill in the middle of writing a result leaves its temporary file behind: as if it had.
      Path partial = home.resolve("results").resolve(killed.get(0))
          .resolve(".heavy.json." + UUID.randomUUID() + ".tmp");
      Files.createDirectories(partial.getParent());
      Files.writeString(partial, "{\"@context\": {\"cut sh");

      second = ServerProcess.start(home, logs.get(1));
      TestApi again = second.api();
      for (String id : ids) {
        JsonNode job = again.awaitJob(id, Duration.ofSeconds(90));
        Row crashed = atCrash.get(id);
        assertThat(job.get("status").asString()).as("job %s", job).isEqualTo("SUCCEEDED");
        assertThat(job.get("error").isNull()).as("job %s", job).isTrue();
        assertThat(job.get("stage").asString()).isEqualTo("HEAVY_PROFILES_READY");
        if (killed.contains(id)) {
          assertThat(job.get("attempts").asInt()).as("killed mid-run: %s", job).isEqualTo(crashed.attempts() + 1);
        } else {
          // Ended before the kill (and left alone since) or had not started: one attempt in all.
          assertThat(job.get("attempts").asInt()).as("job %s, at the crash %s", job, crashed).isEqualTo(1);
        }
        if (crashed.status().equals("SUCCEEDED")) {
          assertThat(Instant.parse(job.get("finished_at").asString())).as("not run again")
              .isEqualTo(Instant.parse(crashed.finishedAt()));
        }
        // Counted once: a re-run replaces the usage of the killed attempt, it does not add to it.
        assertThat(job.get("rows_processed").asLong()).as("job %s", job).isEqualTo(rowsByJob.get(id).longValue());
        assertResults(home, id, rowsByJob.get(id), again);
      }
      // Ran to the end once: a job that had ended before the crash never started again.
      String secondLog = Files.readString(logs.get(1));
      System.out.println("crash recovery: killed at " + killedAt + ", jobs at the crash " + atCrash);
      secondLog.lines().filter(l -> l.contains("JobRunner") || l.contains("dead execution")
          || l.contains("Started QuarryServer")).forEach(l -> System.out.println("  " + l));
      for (String id : ids) {
        long started = secondLog.lines().filter(l -> l.contains("job " + id + " (profile) attempt")).count();
        assertThat(started).as("attempts of %s on the second server", id)
            .isEqualTo(atCrash.get(id).status().equals("SUCCEEDED") ? 0 : 1);
      }
      try (Stream<Path> files = Files.walk(home.resolve("results"))) {
        assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
            .as("files in the results folders").noneMatch(n -> n.endsWith(".tmp"))
            // light.json, heavy.json, report.html and the catalog entry cdd.json per job
            .hasSize(ids.size() * 4);
      }

      second.stop();
      assertThat(second.process.exitValue()).as("exit code of a graceful stop").isIn(0, 143);
      assertThat(scheduledTasks(home)).as("db-scheduler executions left").isEmpty();
      assertThat(jobRows(home).values()).extracting(Row::status).containsOnly("SUCCEEDED");
    } catch (Throwable t) {
      for (Path log : logs) {
        if (Files.exists(log)) {
          System.err.println("===== " + log.getFileName() + " =====");
          System.err.println(Files.readString(log));
        }
      }
      throw t;
    } finally {
      if (first != null) {
        first.kill();
      }
      if (second != null) {
        second.stop();
      }
    }
  }

  private static void assertResults(Path home, String id, int rows, TestApi api) throws IOException {
    Path folder = home.resolve("results").resolve(id);
    JsonNode light = TestApi.JSON.readTree(Files.readString(folder.resolve("light.json")));
    assertThat(light.get("distribution").toString()).contains("data.csv");
    JsonNode heavy = TestApi.JSON.readTree(Files.readString(folder.resolve("heavy.json")));
    JsonNode recordSets = heavy.get("recordSet");
    assertThat(recordSets.size()).as("record sets of %s", id).isEqualTo(1);
    JsonNode recordSet = recordSets.get(0);
    List<String> fields = new ArrayList<>();
    recordSet.get("field").forEach(f -> fields.add(f.get("name").asString()));
    assertThat(fields).containsExactlyElementsOf(COLUMNS);
    assertThat(recordSet.get("description").asString()).startsWith(rows + " records from ");
    assertThat(Files.readString(folder.resolve("report.html"))).contains("<html");
    // What the API serves is what is on disk.
    assertThat(api.get("/profiler/profile/" + id).expect(200).json().get("moma_profile_heavy"))
        .isEqualTo(heavy);
  }

  private static String trigger(String dataset) {
    return """
        {"profile_specification": {"id": "%s", "name": "%s", "description": "crash test",
          "data_connectors": [{"type": "RawDataPath", "dataset_id": "%s"}]},
         "only_light_profile": false}""".formatted(dataset, dataset, dataset);
  }

  /** A CSV of numbers, dates and text, some 65 bytes a row. */
  private static void writeCsv(Path file, int rows, long seed) throws IOException {
    Files.createDirectories(file.getParent());
    String[] cities = {"Athens", "Paris", "Lisbon", "Oslo", "Kyoto", "Lima", "Accra", "Perth"};
    String[] words = {"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"};
    LocalDate start = LocalDate.of(2020, 1, 1);
    Random random = new Random(seed);
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write(String.join(",", COLUMNS));
      w.write('\n');
      StringBuilder line = new StringBuilder(96);
      for (int i = 0; i < rows; i++) {
        line.setLength(0);
        line.append(i).append(',')
            .append(random.nextInt(1_000_000) / 100.0).append(',')
            .append(start.plusDays(random.nextInt(1500))).append(',')
            .append(cities[random.nextInt(cities.length)]).append(',')
            .append(words[random.nextInt(words.length)]).append(' ')
            .append(words[random.nextInt(words.length)]).append(' ')
            .append(random.nextInt(100_000)).append('\n');
        w.append(line);
      }
    }
  }

  /** Polls the jobs' statuses until {@code done} holds for them, and returns them. */
  private static List<String> awaitStatuses(TestApi api, List<String> ids, Predicate<List<String>> done,
      Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    List<String> statuses = List.of();
    while (Instant.now().isBefore(deadline)) {
      statuses = ids.stream().map(id -> api.get("/api/v1/jobs/" + id).expect(200).json()
          .get("status").asString()).toList();
      if (done.test(statuses)) {
        return statuses;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("timed out waiting on the jobs; last statuses: " + statuses);
  }

  /** A {@code jobs} row as the database file holds it. */
  record Row(String status, int attempts, String finishedAt) {}

  private static Map<String, Row> jobRows(Path home) throws Exception {
    Map<String, Row> rows = new LinkedHashMap<>();
    try (Connection c = h2(home); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, status, attempts, finished_at FROM jobs")) {
      while (rs.next()) {
        OffsetDateTime finished = rs.getObject(4, java.time.OffsetDateTime.class);
        rows.put(rs.getString(1), new Row(rs.getString(2), rs.getInt(3),
            finished == null ? null : finished.toInstant().toString()));
      }
    }
    return rows;
  }

  private static List<String> scheduledTasks(Path home) throws Exception {
    List<String> tasks = new ArrayList<>();
    try (Connection c = h2(home); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT task_name, task_instance FROM scheduled_tasks")) {
      while (rs.next()) {
        tasks.add(rs.getString(1) + "/" + rs.getString(2));
      }
    }
    return tasks;
  }

  /** The server's database file, opened while no server runs (H2 allows one process at a time). */
  private static Connection h2(Path home) throws Exception {
    return DriverManager.getConnection("jdbc:h2:file:" + home.resolve("db/quarry").toAbsolutePath(), "sa", "");
  }

  /** The service in its own JVM, on the test's class path. */
  static final class ServerProcess {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    final Process process;
    final int port;

    private ServerProcess(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static ServerProcess start(Path home, Path log) throws Exception {
      int port;
      try (ServerSocket s = new ServerSocket(0)) {
        port = s.getLocalPort();
      }
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC",
          "-cp", System.getProperty("java.class.path"),
          QuarryServer.class.getName(),
          "--server.port=" + port,
          "--quarry.home=" + home,
          "--quarry.admin-key=" + ADMIN_KEY,
          "--quarry.jobs.heartbeat=1s",
          "--quarry.jobs.polling-interval=200ms",
          "--quarry.jobs.threads=2",
          "--quarry.workers=1",
          "--logging.structured.format.console=")
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      ServerProcess server = new ServerProcess(pb.start(), port);
      server.awaitHealthy();
      return server;
    }

    TestApi api() {
      return new TestApi(port, ADMIN_KEY);
    }

    private void awaitHealthy() throws InterruptedException {
      Instant deadline = Instant.now().plus(BOOT);
      HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
          .timeout(Duration.ofSeconds(5)).GET().build();
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new AssertionError("the server exited with " + process.exitValue() + " while starting");
        }
        try {
          if (HTTP.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
            return;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(200);
      }
      throw new AssertionError("the server did not become healthy within " + BOOT);
    }

    /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed. */
    void kill() throws InterruptedException {
      process.destroyForcibly();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("killed server exited").isTrue();
    }

    /** SIGTERM: Spring's graceful shutdown. */
    void stop() throws InterruptedException {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }
}
