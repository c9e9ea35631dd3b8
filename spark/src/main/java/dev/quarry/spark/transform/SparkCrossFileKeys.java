package dev.quarry.spark.transform;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.Task;
import dev.quarry.spark.SparkEngine;
import dev.quarry.transform.spi.CrossFileKeys;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;
import scala.Tuple2;

/**
 * Exact dedup's global step the Spark way: every file's distinct keys are read on the executors
 * and shuffled by key; each key's partition finds its first file and how many files hold it, and
 * only keys held by two or more files come back to the driver. No machine holds every key.
 */
public final class SparkCrossFileKeys implements CrossFileKeys {

  private final JavaSparkContext spark;

  SparkCrossFileKeys(JavaSparkContext spark) {
    this.spark = spark;
  }

  @Override
  public Map<Key, Integer> find(Engine engine, List<? extends Task<FileKeys>> perFile)
      throws IOException {
    if (perFile.isEmpty()) {
      return Map.of();
    }
    List<Task<FileKeys>> tasks = new ArrayList<>(perFile);
    try {
      Map<Key, Tuple2<Integer, Integer>> cross = spark.parallelize(tasks, tasks.size())
          .flatMapToPair(SparkCrossFileKeys::keysOf)
          // (first file, files holding the key): min and count are associative and commutative
          .reduceByKey((a, b) -> new Tuple2<>(Math.min(a._1(), b._1()), a._2() + b._2()))
          .filter(kv -> kv._2()._2() > 1)
          .collectAsMap();
      Map<Key, Integer> out = new HashMap<>(cross.size() * 2);
      cross.forEach((k, v) -> out.put(k, v._1()));
      return out;
    } catch (Exception e) { // SparkException is checked, though Scala does not declare it
      throw new IOException("reading keys on Spark failed: " + dev.quarry.core.engine.RootCause.describe(e), e);
    }
  }

  private static Iterator<Tuple2<Key, Tuple2<Integer, Integer>>> keysOf(Task<FileKeys> task)
      throws Exception {
    FileKeys keys = task.run(new ExecutorContext());
    List<Tuple2<Key, Tuple2<Integer, Integer>>> out = new ArrayList<>(keys.high().length);
    Tuple2<Integer, Integer> here = new Tuple2<>(keys.file(), 1);
    for (int i = 0; i < keys.high().length; i++) {
      out.add(new Tuple2<>(new Key(keys.high()[i], keys.low()[i]), here));
    }
    return out.iterator();
  }

  /** Registered with ServiceLoader: the Spark implementation for a {@link SparkEngine}. */
  public static final class Provider implements CrossFileKeys.Provider {
    @Override
    public CrossFileKeys forEngine(Engine engine) {
      return engine instanceof SparkEngine s ? new SparkCrossFileKeys(s.context()) : null;
    }
  }
}
