package dev.quarry.spark.transform;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.RootCause;
import dev.quarry.core.engine.Task;
import dev.quarry.spark.SparkEngine;
import dev.quarry.transform.builtin.NearDuplicates;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * {@code fdedup}'s global step the Spark way: signatures are computed and kept on the executors;
 * documents are shuffled by (band, band values) and each bucket yields its candidate pairs; the
 * candidates' shingles are read on the executors and joined to the pairs, and the exact Jaccard
 * similarity is computed there. Only the candidates' ids (to plan the shingle pass) and the similar
 * pairs reach the driver, never every signature.
 */
public final class SparkNearDuplicates implements NearDuplicates {

  private final JavaSparkContext spark;

  SparkNearDuplicates(JavaSparkContext spark) {
    this.spark = spark;
  }

  /** A bucket: one band's values of one band. */
  record Bucket(int band, int[] values) implements Serializable {
    @Override
    public boolean equals(Object o) {
      return o instanceof Bucket b && band == b.band && Arrays.equals(values, b.values);
    }

    @Override
    public int hashCode() {
      return 31 * band + Arrays.hashCode(values);
    }
  }

  @Override
  public Result find(Engine engine, Plan plan) throws IOException {
    try {
      return run(plan);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) { // SparkException is checked, though Scala does not declare it
      throw new IOException("fdedup on Spark failed: " + RootCause.describe(e), e);
    }
  }

  private Result run(Plan plan) throws Exception {
    if (plan.sign().isEmpty()) {
      return new Result(List.of(), 0);
    }
    int bands = plan.bands();
    int rows = plan.rows();
    JavaRDD<Signed> signed = spark.parallelize(new ArrayList<>(plan.sign()), plan.sign().size())
        .flatMap(t -> t.run(new ExecutorContext()).iterator());
    JavaPairRDD<Doc, Doc> pairs = signed
        .flatMapToPair(s -> {
          List<Tuple2<Bucket, Doc>> out = new ArrayList<>(bands);
          for (int b = 0; b < bands; b++) {
            out.add(new Tuple2<>(new Bucket(b, NearDuplicates.band(s.signature(), b, rows)), s.doc()));
          }
          return out.iterator();
        })
        .groupByKey()
        .flatMapToPair(bucket -> {
          List<Doc> members = new ArrayList<>();
          bucket._2().forEach(members::add);
          if (members.size() < 2) {
            return java.util.Collections.emptyIterator();
          }
          members.sort(NearDuplicates::compare);
          List<Tuple2<Doc, Doc>> out = new ArrayList<>();
          NearDuplicates.pairsOf(members, (x, y) -> out.add(
              NearDuplicates.compare(x, y) <= 0 ? new Tuple2<>(x, y) : new Tuple2<>(y, x)));
          return out.iterator();
        })
        .distinct()
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long candidatePairs = pairs.count();
      if (candidatePairs == 0) {
        return new Result(List.of(), 0);
      }
      // The shingle pass reads only the candidates: their ids, by file, planned on the driver.
      Map<Integer, HashSet<Object>> wanted = new HashMap<>();
      for (Doc d : pairs.flatMap(p -> List.of(p._1(), p._2()).iterator()).distinct().collect()) {
        wanted.computeIfAbsent(d.file(), f -> new HashSet<>()).add(d.id());
      }
      List<Task<HashMap<Object, long[]>>> shingleTasks = plan.shingles().forWanted(wanted);
      JavaPairRDD<Object, long[]> shingles = spark.parallelize(shingleTasks, shingleTasks.size())
          .flatMapToPair(t -> {
            List<Tuple2<Object, long[]>> out = new ArrayList<>();
            t.run(new ExecutorContext()).forEach((id, s) -> out.add(new Tuple2<>(id, s)));
            return out.iterator();
          });
      double threshold = plan.threshold();
      List<Edge> edges = pairs
          .mapToPair(p -> new Tuple2<Object, Tuple2<Doc, Doc>>(p._1().id(), p))
          .join(shingles)
          .mapToPair(j -> new Tuple2<Object, Tuple2<Tuple2<Doc, Doc>, long[]>>(j._2()._1()._2().id(), j._2()))
          .join(shingles)
          .filter(j -> NearDuplicates.jaccard(j._2()._1()._2(), j._2()._2()) >= threshold)
          .map(j -> new Edge(j._2()._1()._1()._1(), j._2()._1()._1()._2()))
          .collect();
      List<Edge> sorted = new ArrayList<>(edges);
      sorted.sort((x, y) -> {
        int c = NearDuplicates.compare(x.a(), y.a());
        return c != 0 ? c : NearDuplicates.compare(x.b(), y.b());
      });
      return new Result(sorted, candidatePairs);
    } finally {
      pairs.unpersist(false);
    }
  }

  /** Registered with ServiceLoader: the Spark implementation for a {@link SparkEngine}. */
  public static final class Provider implements NearDuplicates.Provider {
    @Override
    public NearDuplicates forEngine(Engine engine) {
      return engine instanceof SparkEngine s ? new SparkNearDuplicates(s.context()) : null;
    }
  }
}
