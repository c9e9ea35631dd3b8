package dev.quarry.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Spark standalone cluster on 127.0.0.1: one Master and some Workers, each its own JVM
 * started from the jars of a Spark installation that holds nothing of Quarry (links to the jars
 * the {@code spark/dist} module lists), so Quarry's classes reach the executors only by being
 * shipped with the application, as on a real cluster.
 */
public final class StandaloneCluster implements AutoCloseable {

  private static final Pattern ALIVE = Pattern.compile("\"aliveworkers\"\\s*:\\s*(\\d+)");

  public final Path home;
  public final String masterUrl;
  private final Path logs;
  private final int uiPort;
  private final Process master;
  private final List<Process> workers = new ArrayList<>();

  private StandaloneCluster(Path home, Path logs, int port, int uiPort, Process master) {
    this.home = home;
    this.logs = logs;
    this.masterUrl = "spark://127.0.0.1:" + port;
    this.uiPort = uiPort;
    this.master = master;
  }

  /** Starts a Master and {@code workerCount} Workers of one core each; waits until all registered. */
  public static StandaloneCluster start(Path dir, int workerCount) throws Exception {
    Path home = sparkHome(dir.resolve("spark-home"));
    Path logs = Files.createDirectories(dir.resolve("logs"));
    int port = freePort();
    int ui = freePort();
    Process master = launch(home, logs.resolve("master.log"), List.of(
        "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port", "" + port,
        "--webui-port", "" + ui));
    StandaloneCluster cluster = new StandaloneCluster(home, logs, port, ui, master);
    try {
      for (int i = 1; i <= workerCount; i++) {
        cluster.addWorker(dir.resolve("work-" + i), i);
      }
      cluster.awaitWorkers(workerCount, Duration.ofSeconds(90));
      return cluster;
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
  }

  private void addWorker(Path workDir, int n) throws IOException {
    Files.createDirectories(workDir);
    workers.add(launch(home, logs.resolve("worker-" + n + ".log"), List.of(
        "org.apache.spark.deploy.worker.Worker", masterUrl, "--host", "127.0.0.1",
        "--cores", "1", "--memory", "1g", "--webui-port", "" + freePort(),
        "--work-dir", workDir.toString())));
  }

  /** Kills worker {@code n} (1-based) the hard way, as a machine failure would. */
  public void killWorker(int n) {
    Process p = workers.get(n - 1);
    p.descendants().forEach(ProcessHandle::destroyForcibly); // its executor too
    p.destroyForcibly();
  }

  int aliveWorkers() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> r = http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + uiPort + "/json/"))
            .timeout(Duration.ofSeconds(5)).build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher m = ALIVE.matcher(r.body());
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  private void awaitWorkers(int count, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!master.isAlive()) {
        throw new IllegalStateException("the Spark master exited; see " + logs.resolve("master.log"));
      }
      try {
        if (aliveWorkers() >= count) {
          return;
        }
      } catch (IOException e) {
        // the UI is not up yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(count + " workers did not register in " + timeout + "; see " + logs);
  }

  /**
   * A SPARK_HOME whose jars/ links the jars of a Spark installation. Workers need it to build
   * their executors' class path; SPARK_SCALA_VERSION tells the launcher which build it is.
   */
  private static Path sparkHome(Path home) throws IOException {
    // Written by the spark/dist module; found from the repository root or from a module folder.
    Path list = Path.of(System.getProperty("quarry.spark.dist.jars", "spark/dist/target/spark-jars.txt"));
    for (String other : new String[] {"dist/target/spark-jars.txt", "../spark/dist/target/spark-jars.txt"}) {
      if (!Files.exists(list)) {
        list = Path.of(other);
      }
    }
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : Files.readString(list).strip().split(java.io.File.pathSeparator)) {
      Path jar = Path.of(entry);
      Path link = jars.resolve(jar.getFileName());
      if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        Files.createSymbolicLink(link, jar.toAbsolutePath());
      }
    }
    return home;
  }

  private static Process launch(Path home, Path log, List<String> mainAndArgs) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-cp", home.resolve("jars") + "/*"));
    cmd.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    env.put("SPARK_LOCAL_HOSTNAME", "127.0.0.1");
    return pb.start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  Path logs() {
    return logs;
  }

  @Override
  public void close() {
    for (Process w : workers) {
      w.descendants().forEach(ProcessHandle::destroyForcibly);
      w.destroyForcibly();
    }
    master.destroyForcibly();
    try {
      for (Process w : workers) {
        w.waitFor();
      }
      master.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

}
