package dev.quarry.core.engine;

import java.io.Serializable;
import java.util.List;

/**
 * Runs independent tasks and merges their results. {@link LocalEngine} uses a bounded pool of
 * threads on this JVM; the {@code spark} module runs the same tasks on a Spark cluster.
 */
public interface Engine extends AutoCloseable {

  /**
   * Runs every task (retrying failed ones up to {@link RunOptions#maxAttempts()}), merges the
   * results of those that succeeded with {@code merge}, and reports the rest as failures. Blocks
   * until done or cancelled.
   */
  <R extends Serializable> RunResult<R> run(
      List<? extends Task<R>> tasks, Merge<R> merge, RunOptions options);

  /** How many tasks run at once. */
  int parallelism();

  /**
   * Whether tasks run in this JVM on the very objects passed to {@link #run}, never on serialized
   * copies, so a task may hand what it makes to an object the caller shares (a queue, an ordered
   * output) while the run goes on. False unless an engine promises it: a cluster ships copies.
   */
  default boolean sharesTaskObjects() {
    return false;
  }

  @Override
  default void close() {}
}
