package dev.quarry.spark.transform;

import dev.quarry.core.engine.TaskContext;

/**
 * The context of a Quarry task run inside a Spark operation (a {@code flatMap} of a shuffle step)
 * rather than through {@code SparkEngine.run}: one attempt (Spark retries the whole operation),
 * cancelled when Spark interrupts the task.
 */
record ExecutorContext() implements TaskContext {

  @Override
  public int taskIndex() {
    org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
    return tc == null ? 0 : tc.partitionId();
  }

  @Override
  public int attempt() {
    return 1;
  }

  @Override
  public boolean isCancelled() {
    org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
    return tc != null && tc.isInterrupted();
  }
}
