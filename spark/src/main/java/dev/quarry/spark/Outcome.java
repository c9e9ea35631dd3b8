package dev.quarry.spark;

import dev.quarry.core.engine.TaskFailure;
import java.io.Serializable;

/**
 * What one Quarry task came to on an executor: its result, or the failure of its last attempt.
 * Failures travel as values so that Spark sees a successful Spark task and does not retry what
 * Quarry's own attempt loop already gave up on.
 */
record Outcome<R extends Serializable>(int index, R result, TaskFailure failure)
    implements Serializable {

  static <R extends Serializable> Outcome<R> success(int index, R result) {
    return new Outcome<>(index, result, null);
  }

  static <R extends Serializable> Outcome<R> failed(TaskFailure failure) {
    return new Outcome<>(failure.taskIndex(), null, failure);
  }
}
