package dev.quarry.spark;

import dev.quarry.core.engine.ProgressListener;
import java.util.BitSet;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Turns Spark's task-end events of one run into Quarry progress: tasks ended and tasks failed. A
 * partition that Spark ran twice (its executor was lost after it finished, or a speculative copy)
 * counts once, and a Quarry task that failed on its last attempt is recognised by the update it
 * made to the run's failure accumulator, so progress agrees with the {@code RunResult}.
 */
final class TaskProgress extends SparkListener {

  private static final Logger LOG = LoggerFactory.getLogger(TaskProgress.class);

  private final String jobGroup;
  private final int total;
  private final ProgressListener listener;
  private final long failureAccumulatorId;

  private volatile int taskStage = -1;
  private final BitSet ended = new BitSet();
  private int failed;
  private boolean listenerFailed;

  TaskProgress(String jobGroup, int total, ProgressListener listener, long failureAccumulatorId) {
    this.jobGroup = jobGroup;
    this.total = total;
    this.listener = listener;
    this.failureAccumulatorId = failureAccumulatorId;
  }

  @Override
  public void onJobStart(SparkListenerJobStart event) {
    if (event.properties() != null
        && jobGroup.equals(event.properties().getProperty("spark.jobGroup.id"))) {
      // The tasks run in the job's first stage; the tree aggregation's combine stages follow it.
      int first = Integer.MAX_VALUE;
      for (Object id : CollectionConverters.asJava(event.stageIds())) {
        first = Math.min(first, (Integer) id);
      }
      taskStage = first;
    }
  }

  @Override
  public void onTaskEnd(SparkListenerTaskEnd event) {
    if (event.stageId() != taskStage || !(event.reason() instanceof Success$)) {
      return;
    }
    TaskInfo info = event.taskInfo();
    synchronized (this) {
      if (ended.get(info.index())) {
        return;
      }
      ended.set(info.index());
      if (reportedFailure(info)) {
        failed++;
      }
      notifyAll(); // awaitAll
      if (listenerFailed) {
        return;
      }
      try {
        listener.onProgress(ended.cardinality(), failed, total);
      } catch (RuntimeException e) {
        listenerFailed = true; // once per run, like the local engine
        LOG.warn("Progress listener failed; the run goes on without it", e);
      }
    }
  }

  /**
   * Waits until every task's end has been reported, or {@code millis} passed. Spark delivers
   * listener events on its own thread, after the job's result reached the caller: without this
   * the run would return, and stop listening, before its last progress call.
   */
  synchronized void awaitAll(long millis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + millis;
    while (ended.cardinality() < total) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        return;
      }
      wait(left);
    }
  }

  private boolean reportedFailure(TaskInfo info) {
    for (AccumulableInfo acc : CollectionConverters.asJava(info.accumulables())) {
      if (acc.id() == failureAccumulatorId && acc.update().isDefined()) {
        Object update = acc.update().get();
        return update instanceof Number n && n.longValue() > 0;
      }
    }
    return false;
  }
}
