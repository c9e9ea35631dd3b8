package dev.quarry.core.engine;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one {@link LocalEngine#run} call: the queue the workers pull from, their
 * accumulators, and the bookkeeping that becomes the {@link RunResult}.
 */
final class LocalRun<R extends Serializable> {

  private static final Logger LOG = LoggerFactory.getLogger(LocalRun.class);

  /** How often the waiting caller looks at the {@link Cancellation} flag, which cannot notify. */
  private static final long CANCELLATION_POLL_MILLIS = 10;

  private final List<? extends Task<R>> tasks;
  private final Merge<R> merge;
  private final RunOptions options;
  private final long baseBackoffNanos;
  private final boolean roundTrip;
  private final int total;

  private final DelayQueue<Attempt> queue = new DelayQueue<>();
  private final AtomicLong retrySequence;
  private final List<WorkerAccumulator<R>> accumulators = new ArrayList<>();
  /** Counted down once: when the last task ended or when a merge failed. */
  private final CountDownLatch finished = new CountDownLatch(1);

  /** Set when the run must stop for a reason other than the caller's Cancellation flag. */
  private volatile boolean stopRequested;

  /** Why the run was aborted: a merge failed or a worker met something it cannot handle. */
  private volatile RuntimeException abort;

  private final Object lock = new Object();
  // Guarded by lock: once stopped, workers change nothing the caller has already read.
  private boolean stopped;
  private int ended;
  private int failed;
  private final List<TaskFailure> failures = new ArrayList<>();
  private boolean listenerFailureLogged;

  LocalRun(
      List<? extends Task<R>> tasks,
      Merge<R> merge,
      RunOptions options,
      int workers,
      long baseBackoffNanos,
      boolean roundTrip) {
    this.tasks = tasks;
    this.merge = merge;
    this.options = options;
    this.baseBackoffNanos = baseBackoffNanos;
    this.roundTrip = roundTrip;
    this.total = tasks.size();
    this.retrySequence = new AtomicLong(total);
    long now = System.nanoTime();
    for (int i = 0; i < total; i++) {
      queue.add(Attempt.first(i, now));
    }
    for (int i = 0; i < workers; i++) {
      accumulators.add(new WorkerAccumulator<>());
    }
  }

  /** Asks the run to stop as if cancelled (caller interrupted, engine closing). */
  void requestStop() {
    stopRequested = true;
  }

  boolean isCancelled() {
    return stopRequested || options.cancellation().isCancelled();
  }

  /** The loop of worker {@code worker}: pull an attempt, run it, until the run stops. */
  void work(int worker) {
    WorkerAccumulator<R> accumulator = accumulators.get(worker);
    try {
      while (true) {
        Attempt attempt = queue.take();
        // A cancelled run starts nothing new, even if the caller has not noticed yet.
        if (attempt.isStop() || isCancelled() || isStopped()) {
          return;
        }
        runAttempt(attempt, accumulator);
      }
    } catch (InterruptedException e) {
      // Only the engine's shutdownNow interrupts pool threads: leave quietly.
      Thread.currentThread().interrupt();
    } catch (Throwable unexpected) {
      // A progress listener threw an Error, say. A worker that died silently would leave its
      // tasks unended and the caller waiting forever: end the run and tell the caller.
      abort(new IllegalStateException(
          "A worker of the local engine failed: " + RootCause.describe(unexpected), unexpected));
    }
  }

  private void runAttempt(Attempt attempt, WorkerAccumulator<R> accumulator) {
    int index = attempt.taskIndex();
    R result;
    try {
      // Spark deserializes a fresh copy of the task for every attempt; so do we when checking,
      // which also catches tasks that expect state they mutated to survive into a retry.
      Task<R> task = roundTrip ? JavaSerialization.roundTrip(tasks.get(index)) : tasks.get(index);
      result = task.run(new AttemptContext(index, attempt.number(), this::isCancelled));
      if (roundTrip) {
        result = JavaSerialization.roundTrip(result);
      }
    } catch (Throwable failure) {
      attemptFailed(attempt, failure);
      return;
    }
    boolean accepted;
    try {
      accepted = accumulator.add(result, merge);
    } catch (Throwable failure) {
      mergeFailed("Merging the result of task " + index + " failed", failure);
      return;
    }
    if (accepted) {
      taskEnded(null);
    }
  }

  private void attemptFailed(Attempt attempt, Throwable failure) {
    if (isCancelled()) {
      // Tasks commonly fail because they were asked to stop: that is not a failure of the task.
      return;
    }
    if (isRetryable(failure) && attempt.number() < options.maxAttempts()) {
      long backoff = backoffNanos(attempt.number());
      LOG.debug(
          "Task {} attempt {} failed, retrying: {}",
          attempt.taskIndex(),
          attempt.number(),
          RootCause.describe(failure));
      queue.add(attempt.retry(System.nanoTime(), backoff, retrySequence.getAndIncrement()));
      return;
    }
    int index = attempt.taskIndex();
    taskEnded(
        new TaskFailure(
            index, describe(tasks.get(index)), attempt.number(), RootCause.describe(failure)));
  }

  private static boolean isRetryable(Throwable failure) {
    return Retries.isRetryable(failure);
  }

  private long backoffNanos(int failedAttempt) {
    return Retries.backoffNanos(baseBackoffNanos, failedAttempt);
  }

  private void mergeFailed(String what, Throwable failure) {
    abort(new MergeFailedException(what + ": " + RootCause.describe(failure), failure));
  }

  private synchronized void abort(RuntimeException reason) {
    if (abort == null) {
      abort = reason;
    }
    stopRequested = true;
    finished.countDown();
  }

  /** Records that a task ended, successfully if {@code failure} is null, and reports progress. */
  private void taskEnded(TaskFailure failure) {
    synchronized (lock) {
      if (stopped) {
        return;
      }
      ended++;
      if (failure != null) {
        failed++;
        failures.add(failure);
      }
      // Under the lock so that listeners see counts that only grow.
      try {
        options.progress().onProgress(ended, failed, total);
      } catch (RuntimeException e) {
        // Once per run: a broken listener would otherwise log a stack trace per task.
        if (!listenerFailureLogged) {
          listenerFailureLogged = true;
          LOG.warn("Progress listener failed; the run goes on without it", e);
        }
      }
      if (ended == total) {
        finished.countDown();
      }
    }
  }

  private boolean isStopped() {
    synchronized (lock) {
      return stopped;
    }
  }

  /**
   * Blocks the calling thread until every task ended, the run is cancelled, or a merge failed, then
   * stops the workers and builds the result. An interrupt of the caller cancels the run; the
   * interrupt status is restored before returning.
   */
  RunResult<R> awaitResult() {
    boolean interrupted = false;
    try {
      while (!finished.await(CANCELLATION_POLL_MILLIS, TimeUnit.MILLISECONDS)) {
        if (isCancelled()) {
          break;
        }
      }
    } catch (InterruptedException e) {
      interrupted = true;
      stopRequested = true;
    }
    try {
      return stopAndCollect();
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private RunResult<R> stopAndCollect() {
    boolean complete;
    List<TaskFailure> failed;
    synchronized (lock) {
      stopped = true;
      complete = ended == total;
      failed = List.copyOf(failures);
    }
    stopRequested = true; // tasks still running see isCancelled() from now on
    for (int i = 0; i < accumulators.size(); i++) {
      queue.add(Attempt.stop());
    }
    R merged = null;
    int succeeded = 0;
    for (WorkerAccumulator<R> accumulator : accumulators) {
      R value = accumulator.seal();
      succeeded += accumulator.merged();
      if (value != null && abort == null) {
        try {
          merged = merged == null ? value : merge.apply(merged, value);
        } catch (Throwable failure) {
          mergeFailed("Combining the workers' merged results failed", failure);
        }
      }
    }
    if (abort != null) {
      // A new exception so that the trace shows the caller's run(), the cause the worker's side.
      throw abort instanceof MergeFailedException
          ? new MergeFailedException(abort.getMessage(), abort.getCause())
          : new IllegalStateException(abort.getMessage(), abort.getCause());
    }
    failed = failed.stream().sorted(Comparator.comparingInt(TaskFailure::taskIndex)).toList();
    return new RunResult<>(Optional.ofNullable(merged), total, succeeded, failed, !complete);
  }

  private static String describe(Task<?> task) {
    try {
      return task.describe();
    } catch (RuntimeException e) {
      return task.getClass().getSimpleName();
    }
  }
}
