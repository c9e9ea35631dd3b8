package dev.quarry.server.engine;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.engine.Merge;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.engine.Task;
import dev.quarry.server.QuarryProperties;
import dev.quarry.spark.SparkEngine;
import java.io.Serializable;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Where the service's jobs run their tasks ({@code quarry.engine.*}): by default each kind of job
 * gets its own pool of threads here; with {@code quarry.engine.kind=spark} every job runs on one
 * shared Spark application ({@code quarry.engine.master}: {@code local[N]} or {@code
 * spark://host:7077}), since a JVM holds only one SparkContext.
 */
@Component
public class Engines implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(Engines.class);

  private final SparkEngine spark;

  public Engines(QuarryProperties properties) {
    QuarryProperties.EngineSettings s = properties.engine();
    if (!s.spark()) {
      spark = null;
      return;
    }
    try {
      SparkEngine.Builder b = SparkEngine.builder().master(s.master()).appName("quarry-service");
      s.sparkConf().forEach(b::conf);
      spark = b.build();
    } catch (NoClassDefFoundError e) {
      throw new IllegalStateException("quarry.engine.kind=spark but Spark is not on the class path:"
          + " start the service with Spark's jars (SPARK_HOME/jars) on its loader path", e);
    }
    LOG.info("Jobs run on Spark, master {}", s.master());
  }

  /**
   * The engine for one kind of job: a new local pool of {@code localWorkers} threads, or the shared
   * Spark engine. Close it when done; closing the shared one does nothing.
   */
  public Engine open(int localWorkers) {
    return spark == null ? new LocalEngine(localWorkers) : new Shared(spark);
  }

  @Override
  public void destroy() {
    if (spark != null) {
      spark.close();
    }
  }

  /** The shared Spark engine as one job type sees it: closing it leaves it running for the rest. */
  private record Shared(Engine delegate) implements Engine {
    @Override
    public <R extends Serializable> RunResult<R> run(
        List<? extends Task<R>> tasks, Merge<R> merge, RunOptions options) {
      return delegate.run(tasks, merge, options);
    }

    @Override
    public int parallelism() {
      return delegate.parallelism();
    }

    @Override
    public void close() {}
  }
}
