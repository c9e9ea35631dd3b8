package dev.quarry.spark;

import dev.quarry.core.engine.Retries;
import dev.quarry.core.engine.RootCause;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.engine.TaskFailure;
import java.io.Serializable;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.LongAccumulator;

/**
 * Runs one Quarry task inside a Spark task, with Quarry's attempts and backoff, the same policy as
 * the local engine's. Everything a task throws becomes a failed {@link Outcome} after the last
 * attempt, so Spark re-runs a partition only when it lost it (an executor or a worker died), never
 * for a task's own error: a failed task is then reported exactly once.
 */
final class AttemptLoop<R extends Serializable> implements Function<IndexedTask<R>, Outcome<R>> {

  private static final long serialVersionUID = 1L;

  private final int maxAttempts;
  private final long backoffNanos;
  /** Counts failed tasks; its per-task update tells progress listeners which ones failed. */
  private final LongAccumulator failures;

  AttemptLoop(int maxAttempts, long backoffNanos, LongAccumulator failures) {
    this.maxAttempts = maxAttempts;
    this.backoffNanos = backoffNanos;
    this.failures = failures;
  }

  @Override
  public Outcome<R> call(IndexedTask<R> indexed) throws InterruptedException {
    int attempt = 1;
    while (true) {
      try {
        R result = indexed.task().run(new ExecutorContext(indexed.index(), attempt));
        return Outcome.success(indexed.index(), result);
      } catch (Throwable failure) {
        if (failure instanceof InterruptedException || ExecutorContext.interrupted()) {
          // Spark is killing this task (job cancelled, speculative copy lost): let it.
          Thread.currentThread().interrupt();
          throw new InterruptedException("task " + indexed.index() + " was cancelled");
        }
        if (attempt >= maxAttempts || !Retries.isRetryable(failure)) {
          failures.add(1);
          return Outcome.failed(new TaskFailure(indexed.index(), describe(indexed), attempt,
              RootCause.describe(failure)));
        }
        Thread.sleep(Retries.backoffNanos(backoffNanos, attempt) / 1_000_000);
        attempt++;
      }
    }
  }

  private static String describe(IndexedTask<?> indexed) {
    try {
      return indexed.task().describe();
    } catch (RuntimeException e) {
      return indexed.task().getClass().getSimpleName();
    }
  }

  /** The task's view of Spark: cancelled when Spark has asked this task to stop. */
  private record ExecutorContext(int taskIndex, int attempt) implements TaskContext {
    @Override
    public boolean isCancelled() {
      return interrupted();
    }

    static boolean interrupted() {
      org.apache.spark.TaskContext spark = org.apache.spark.TaskContext.get();
      return spark != null && spark.isInterrupted();
    }
  }
}
