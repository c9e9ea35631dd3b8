package dev.quarry.cli;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.spark.SparkEngine;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where a command runs its tasks: threads of this JVM (the default) or Apache Spark, in-process
 * ({@code --master local[N]}) or on a cluster ({@code --master spark://host:7077}). The same tasks
 * run either way, with the same results.
 */
final class EngineOptions {

  @Option(names = {"-w", "--workers"}, paramLabel = "N",
      description = "Worker threads of the local engine. Default: the number of cores.")
  Integer workers;

  @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
      description = "Run on this machine's threads (local, the default) or on Apache Spark.")
  String engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "Spark master: local[N], spark://HOST:7077, ... (default local[*]); implies --engine spark.")
  String master;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE",
      description = "A Spark property, repeatable: --spark-conf spark.executor.memory=4g.")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  boolean spark() {
    return "spark".equals(engine) || master != null;
  }

  /** Rejects impossible combinations before anything runs. */
  void validate() {
    if (!"local".equals(engine) && !"spark".equals(engine)) {
      throw new IllegalArgumentException("--engine must be local or spark, got " + engine);
    }
    if (workers != null && workers < 1) {
      throw new IllegalArgumentException("--workers must be at least 1, got " + workers);
    }
    if (spark() && workers != null) {
      throw new IllegalArgumentException(
          "--workers sizes the local engine; on Spark use --master local[N] or the cluster's cores");
    }
    if (!spark() && !sparkConf.isEmpty()) {
      throw new IllegalArgumentException("--spark-conf needs --engine spark (or --master)");
    }
  }

  Engine open() {
    validate();
    if (!spark()) {
      return new LocalEngine(workers != null ? workers : Runtime.getRuntime().availableProcessors());
    }
    try {
      SparkEngine.Builder b = SparkEngine.builder()
          .master(master != null ? master : "local[*]")
          .appName("quarry");
      sparkConf.forEach(b::conf);
      return b.build();
    } catch (NoClassDefFoundError e) {
      throw new IllegalArgumentException("--engine spark: Spark is not on the class path; set SPARK_HOME"
          + " to a Spark 4 (Scala 2.13) installation and run ./quarry again (it adds $SPARK_HOME/jars)");
    }
  }
}
