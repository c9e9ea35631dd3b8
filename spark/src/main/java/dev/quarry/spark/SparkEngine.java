package dev.quarry.spark;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.JavaSerialization;
import dev.quarry.core.engine.Merge;
import dev.quarry.core.engine.RootCause;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskFailure;
import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.util.LongAccumulator;

/**
 * The {@link Engine} on Apache Spark: the same serializable tasks the local engine runs become one
 * Spark task each (an RDD of task descriptions with one partition per task), and their results are
 * combined on the executors with the tasks' associative merge through Spark's tree aggregation, so
 * the driver receives one merged value instead of every result.
 *
 * <ul>
 *   <li>Retries: Quarry's attempt loop runs inside the Spark task with the same policy and backoff
 *       as the local engine; what still fails is returned as a value, so Spark only re-runs a task
 *       whose executor or worker was lost. A failed task is reported once.
 *   <li>Progress: from Spark's task-end events of the run's job group.
 *   <li>Cancellation: the run's {@code Cancellation} flag cancels the job group; running tasks see
 *       {@code isCancelled()} and Spark interrupts them.
 * </ul>
 *
 * <p>Make one with {@link #builder()} (it starts and owns a SparkContext, stopped by {@link
 * #close()}) or wrap a context the application already has with {@link #wrap}.
 */
public final class SparkEngine implements Engine {

  /** How long a finished run waits for Spark to deliver its last task-end events. */
  private static final long LISTENER_GRACE_MILLIS = 5_000;

  /** How often the driver looks at a run's cancellation flag. */
  private static final long CANCELLATION_POLL_MILLIS = 100;

  private final JavaSparkContext spark;
  private final boolean ownsContext;
  private final long retryBackoffNanos;

  private SparkEngine(JavaSparkContext spark, boolean ownsContext, Duration retryBackoff) {
    this.spark = spark;
    this.ownsContext = ownsContext;
    this.retryBackoffNanos = retryBackoff.toNanos();
  }

  /** An engine on a context the caller made and will stop. */
  public static SparkEngine wrap(JavaSparkContext spark) {
    return new SparkEngine(Objects.requireNonNull(spark, "spark"), false, Builder.DEFAULT_BACKOFF);
  }

  public static Builder builder() {
    return new Builder();
  }

  public JavaSparkContext context() {
    return spark;
  }

  /** Spark's default parallelism: the cores of the cluster (or of {@code local[n]}). */
  @Override
  public int parallelism() {
    return spark.defaultParallelism();
  }

  @Override
  public <R extends Serializable> RunResult<R> run(
      List<? extends Task<R>> tasks, Merge<R> merge, RunOptions options) {
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(merge, "merge");
    Objects.requireNonNull(options, "options");
    if (tasks.isEmpty()) {
      return new RunResult<>(Optional.empty(), 0, 0, List.of(), false);
    }
    JavaSerialization.checkTasks(tasks);
    List<IndexedTask<R>> indexed = new ArrayList<>(tasks.size());
    for (int i = 0; i < tasks.size(); i++) {
      indexed.add(new IndexedTask<>(i, tasks.get(i)));
    }
    JavaSerialization.serialize(merge);

    String group = "quarry-" + UUID.randomUUID();
    LongAccumulator failed = spark.sc().longAccumulator(group + "-failed");
    TaskProgress progress = new TaskProgress(group, tasks.size(), options.progress(), failed.id());
    spark.sc().addSparkListener(progress);
    ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, group + "-cancel-watch");
      t.setDaemon(true);
      return t;
    });
    watcher.scheduleWithFixedDelay(() -> {
      if (options.cancellation().isCancelled()) {
        spark.sc().cancelJobGroup(group);
      }
    }, CANCELLATION_POLL_MILLIS, CANCELLATION_POLL_MILLIS, TimeUnit.MILLISECONDS);
    spark.setJobGroup(group, "Quarry: " + tasks.size() + " tasks", true);
    try {
      // One element per partition: Spark's parallelize slices a list evenly into numSlices.
      JavaRDD<Outcome<R>> outcomes = spark.parallelize(indexed, indexed.size())
          .map(new AttemptLoop<>(options.maxAttempts(), retryBackoffNanos, failed));
      Partial<R> all = outcomes.treeAggregate(
          new Partial<R>(),
          (p, o) -> p.add(o, merge),
          (a, b) -> a.merge(b, merge),
          2);
      List<TaskFailure> failures = new ArrayList<>(all.failures);
      failures.sort((a, b) -> Integer.compare(a.taskIndex(), b.taskIndex()));
      try {
        progress.awaitAll(LISTENER_GRACE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt(); // the result is complete; only progress calls are lost
      }
      return new RunResult<>(Optional.ofNullable(all.value), tasks.size(), all.succeeded, failures,
          false);
    } catch (Exception e) { // SparkException is checked, though Scala does not declare it
      if (options.cancellation().isCancelled()) {
        return new RunResult<>(Optional.empty(), tasks.size(), 0, List.of(), true);
      }
      // The Spark job as a whole failed (workers lost beyond spark.task.maxFailures, a result
      // that could not be read back): no task's result reached the driver.
      String why = "the Spark job failed: " + RootCause.describe(e);
      List<TaskFailure> failures = new ArrayList<>(tasks.size());
      for (IndexedTask<R> t : indexed) {
        failures.add(new TaskFailure(t.index(), t.task().describe(), 1, why));
      }
      return new RunResult<>(Optional.empty(), tasks.size(), 0, failures, false);
    } finally {
      spark.clearJobGroup();
      watcher.shutdownNow();
      spark.sc().removeSparkListener(progress);
    }
  }

  /** Stops the SparkContext if this engine started it. */
  @Override
  public void close() {
    if (ownsContext) {
      spark.stop();
    }
  }

  private static boolean log4jCoreLogs() {
    try {
      return org.apache.logging.log4j.LogManager.getContext(false).getClass().getName()
          .equals("org.apache.logging.log4j.core.LoggerContext");
    } catch (LinkageError e) {
      return false;
    }
  }

  /** How to start a SparkContext for Quarry. */
  public static final class Builder {
    static final Duration DEFAULT_BACKOFF = Duration.ofMillis(50);

    private String master = "local[*]";
    private String appName = "quarry";
    private final Map<String, String> conf = new LinkedHashMap<>();
    private List<String> jars;
    private Duration retryBackoff = DEFAULT_BACKOFF;

    /** {@code local[2]}, {@code spark://host:7077}, ... */
    public Builder master(String master) {
      this.master = Objects.requireNonNull(master, "master");
      return this;
    }

    public Builder appName(String appName) {
      this.appName = Objects.requireNonNull(appName, "appName");
      return this;
    }

    /** Any Spark property ({@code spark.executor.memory}, ...). */
    public Builder conf(String key, String value) {
      conf.put(key, value);
      return this;
    }

    /**
     * The jars executors need to run Quarry's tasks. By default, for a cluster master, the jars of
     * this JVM's class path that the cluster does not already have (see {@link ShippedJars}).
     */
    public Builder jars(List<String> jars) {
      this.jars = List.copyOf(jars);
      return this;
    }

    public Builder retryBackoff(Duration backoff) {
      if (backoff.isNegative()) {
        throw new IllegalArgumentException("retryBackoff must not be negative");
      }
      this.retryBackoff = backoff;
      return this;
    }

    public SparkEngine build() {
      SparkConf sc = new SparkConf().setMaster(master).setAppName(appName)
          // Quarry's results are merged on executors and only the merged value reaches the
          // driver; the UI is of no use to a CLI run and binds a port.
          .set("spark.ui.enabled", "false");
      if (log4jCoreLogs()) {
        // Spark's INFO lines would drown a command's own output; a conf entry can lower it. Only
        // when Log4j 2 core does the logging: Spark sets the level by casting to its context.
        sc.set("spark.log.level", "WARN");
      }
      if (master.startsWith("local")) {
        // Everything is in this JVM: listen on loopback only, not on the machine's interfaces.
        sc.set("spark.driver.bindAddress", "127.0.0.1").set("spark.driver.host", "127.0.0.1");
      }
      conf.forEach(sc::set);
      List<String> ship = jars != null ? jars
          : master.startsWith("local") ? List.of() : ShippedJars.fromClassPath();
      if (!ship.isEmpty()) {
        sc.setJars(ship.toArray(String[]::new));
      }
      return new SparkEngine(new JavaSparkContext(sc), true, retryBackoff);
    }
  }
}
