package dev.quarry.core.engine;

import java.io.Serializable;

/**
 * The running merge of the results one worker produced in one run. Each worker owns one, so merges
 * never contend; only the end of the run touches it from another thread, to {@link #seal()} it.
 * Sealing is what lets a cancelled run return while a task still runs: a result arriving after the
 * seal is discarded rather than merged into a value the caller already holds.
 */
final class WorkerAccumulator<R extends Serializable> {

  private R value;
  private int merged;
  private boolean sealed;

  /**
   * Folds {@code result} in.
   *
   * @return false if the run already ended and the result was dropped
   */
  synchronized boolean add(R result, Merge<R> merge) {
    if (sealed) {
      return false;
    }
    if (result != null) {
      value = value == null ? result : merge.apply(value, result);
    }
    merged++;
    return true;
  }

  /** Closes the accumulator to late results and hands over its value (null if nothing came). */
  synchronized R seal() {
    sealed = true;
    return value;
  }

  /** How many task results were accepted, including null ones. */
  synchronized int merged() {
    return merged;
  }
}
