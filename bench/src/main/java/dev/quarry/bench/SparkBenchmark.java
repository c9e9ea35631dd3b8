package dev.quarry.bench;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.Profiler;
import dev.quarry.spark.ShippedJars;
import dev.quarry.spark.SparkEngine;
import dev.quarry.spark.StandaloneCluster;
import dev.quarry.transform.run.JobReport;
import dev.quarry.transform.run.JobRequest;
import dev.quarry.transform.run.Orchestrator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The same heavy profile and the same {@code ededup} on the local engine, on Spark {@code
 * local[2]}, and on a real standalone cluster (Master + 2 Workers of one core each on this
 * machine) with one and then two cores, in one run: the overhead Spark adds on one machine, and
 * per-task figures that predict scaling.
 *
 * <pre>bench/spark.sh [--gb=1] [--corpus-gb=0.5] [--dir=bench/data]</pre>
 */
public final class SparkBenchmark {

  public static void main(String[] args) throws Exception {
    double gb = 1;
    double corpusGb = 0.5;
    Path dir = Path.of("bench/data");
    for (String a : args) {
      if (a.startsWith("--gb=")) {
        gb = Double.parseDouble(a.substring(5));
      } else if (a.startsWith("--corpus-gb=")) {
        corpusGb = Double.parseDouble(a.substring(12));
      } else if (a.startsWith("--dir=")) {
        dir = Path.of(a.substring(6));
      } else {
        System.err.println("unknown option " + a);
        System.exit(2);
      }
    }
    Files.createDirectories(dir);
    Path csv = BenchData.csv(dir, (long) (gb * 1e9));
    long bytes = Files.size(csv);
    Path corpus = TransformBenchmark.corpus(dir.resolve("transform"), corpusGb, 32);
    Path dedupOut = dir.resolve("spark-ededup-out");
    System.out.printf(Locale.ROOT, "machine: %d cores, java %s; input %s, %.2f GB%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), csv, bytes / 1e9);

    List<Row> rows = new ArrayList<>();
    List<Row> dedups = new ArrayList<>();
    try (LocalEngine local = new LocalEngine(2)) {
      // Once untimed: the JIT warms up here rather than in the first measured engine.
      new Profiler(FileIO.unrestricted(), local).profile(ProfileRequest.of(csv.toString()));
      rows.add(profile("local engine, 2 threads", local, csv, null));
      dedups.add(ededup("local engine, 2 threads", local, corpus, dedupOut, null));
    }
    long t = System.nanoTime();
    try (SparkEngine spark = SparkEngine.builder().master("local[2]").build()) {
      double startup = (System.nanoTime() - t) / 1e9;
      rows.add(profile("spark local[2]", spark, csv, new TaskTimes(spark)).withStartup(startup));
      dedups.add(ededup("spark local[2]", spark, corpus, dedupOut, new TaskTimes(spark)));
    }
    Path clusterDir = Files.createTempDirectory("quarry-bench-cluster-");
    try (StandaloneCluster cluster = StandaloneCluster.start(clusterDir, 2)) {
      for (int cores : new int[] {1, 2}) {
        t = System.nanoTime();
        try (SparkEngine spark = SparkEngine.builder().master(cluster.masterUrl)
            .conf("spark.driver.host", "127.0.0.1").conf("spark.driver.bindAddress", "127.0.0.1")
            .conf("spark.cores.max", "" + cores).conf("spark.executor.memory", "1g")
            .jars(ShippedJars.fromClassPath(cluster.home)).build()) {
          // The first job ships Quarry's jars and starts the executors: time it apart.
          spark.context().parallelize(List.of(1, 2), 2).count();
          double startup = (System.nanoTime() - t) / 1e9;
          String name = "standalone, " + cores + " worker" + (cores > 1 ? "s" : "");
          rows.add(profile(name, spark, csv, new TaskTimes(spark)).withStartup(startup));
          dedups.add(ededup(name, spark, corpus, dedupOut, new TaskTimes(spark)));
        }
      }
    }

    System.out.println();
    System.out.printf(Locale.ROOT, "%-26s %10s %10s %8s %14s %12s%n", "engine", "startup s", "profile s",
        "MB/s", "tasks", "task-s sum");
    for (Row r : rows) {
      System.out.printf(Locale.ROOT, "%-26s %10s %10.2f %8.1f %14s %12s%n", r.name,
          r.startup < 0 ? "-" : String.format(Locale.ROOT, "%.2f", r.startup), r.seconds,
          bytes / r.seconds / 1e6, r.tasks < 0 ? "-" : "" + r.tasks,
          r.taskSeconds < 0 ? "-" : String.format(Locale.ROOT, "%.2f", r.taskSeconds));
    }
    long corpusBytes = 0;
    try (var files = Files.list(corpus)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        corpusBytes += Files.size(f);
      }
    }
    System.out.printf(Locale.ROOT, "%nededup over %.2f GB of Parquet (32 files)%n", corpusBytes / 1e9);
    System.out.printf(Locale.ROOT, "%-26s %10s %8s %14s %12s%n", "engine", "ededup s", "MB/s", "tasks", "task-s sum");
    for (Row r : dedups) {
      System.out.printf(Locale.ROOT, "%-26s %10.2f %8.1f %14s %12s%n", r.name, r.seconds,
          corpusBytes / r.seconds / 1e6, r.tasks < 0 ? "-" : "" + r.tasks,
          r.taskSeconds < 0 ? "-" : String.format(Locale.ROOT, "%.2f", r.taskSeconds));
    }
    System.out.printf(Locale.ROOT, "ededup: Spark local[2] over the local engine %.2fx time; standalone 1 -> 2 workers"
        + " %.2fx faster%n", dedups.get(1).seconds / dedups.get(0).seconds, dedups.get(2).seconds / dedups.get(3).seconds);
    Row local = rows.get(0);
    Row l2 = rows.get(1);
    Row c1 = rows.get(2);
    Row c2 = rows.get(3);
    System.out.printf(Locale.ROOT, "overhead of Spark local[2] over the local engine: %.2fx time%n",
        l2.seconds / local.seconds);
    System.out.printf(Locale.ROOT, "standalone 1 -> 2 workers: %.2fx faster (2 cores shared by driver, master,"
        + " workers and executors: not true scaling)%n", c1.seconds / c2.seconds);
    double perTask = c2.taskSeconds / c2.tasks;
    double fixed = Math.max(0, c2.seconds - c2.taskSeconds / 2);
    System.out.printf(Locale.ROOT, "per task: %.2f s of executor time (%d tasks, %.1f MB each); outside tasks"
        + " ~%.2f s -> predicted on N one-core machines: %.2f s + %.2f s / N (N=4: %.2f s, N=8: %.2f s)%n",
        perTask, c2.tasks, bytes / 1e6 / c2.tasks, fixed, fixed, c2.taskSeconds,
        fixed + c2.taskSeconds / 4, fixed + c2.taskSeconds / 8);
  }

  static Row ededup(String name, Engine engine, Path corpus, Path out, TaskTimes times) throws Exception {
    deleteTree(out);
    long t = System.nanoTime();
    JobRequest request = new JobRequest(Map.of("input", corpus.toString(), "output", out.toString()),
        List.of(new JobRequest.StepRequest("ededup", Map.of("doc_column", "contents"))));
    JobReport report = new Orchestrator(FileIO.unrestricted(), engine).run(request.validate());
    double s = (System.nanoTime() - t) / 1e9;
    if (!report.status().equals(JobReport.SUCCESS)) {
      throw new IllegalStateException("ededup on " + name + " ended " + report.status() + ": " + report.failures());
    }
    System.out.printf(Locale.ROOT, "ededup on %s: %.2f s, %d rows kept%n", name, s, report.stats().resultRows());
    if (times == null) {
      return new Row(name, s, -1, -1, -1);
    }
    Thread.sleep(500);
    return new Row(name, s, (int) times.tasks.get(), times.runMillis.get() / 1e3, -1);
  }

  static void deleteTree(Path p) throws java.io.IOException {
    if (!Files.exists(p)) {
      return;
    }
    try (var walk = Files.walk(p)) {
      for (Path x : (Iterable<Path>) walk.sorted(java.util.Comparator.reverseOrder())::iterator) {
        Files.delete(x);
      }
    }
  }

  record Row(String name, double seconds, int tasks, double taskSeconds, double startup) {
    Row withStartup(double s) {
      return new Row(name, seconds, tasks, taskSeconds, s);
    }
  }

  static Row profile(String name, Engine engine, Path csv, TaskTimes times) throws Exception {
    long t = System.nanoTime();
    new Profiler(FileIO.unrestricted(), engine).profile(ProfileRequest.of(csv.toString()));
    double s = (System.nanoTime() - t) / 1e9;
    System.out.printf(Locale.ROOT, "%s: %.2f s%n", name, s);
    if (times == null) {
      return new Row(name, s, -1, -1, -1);
    }
    Thread.sleep(500); // listener events are delivered asynchronously
    return new Row(name, s, (int) times.tasks.get(), times.runMillis.get() / 1e3, -1);
  }

  /** Executor run time of every task that ended, from Spark's listener bus. */
  static final class TaskTimes extends SparkListener {
    final AtomicLong tasks = new AtomicLong();
    final AtomicLong runMillis = new AtomicLong();

    TaskTimes(SparkEngine spark) {
      spark.context().sc().addSparkListener(this);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd e) {
      if (e.taskMetrics() != null && e.taskInfo().successful()) {
        tasks.incrementAndGet();
        runMillis.addAndGet(e.taskMetrics().executorRunTime());
      }
    }
  }
}
