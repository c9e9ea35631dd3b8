package dev.quarry.core.engine;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a fixed pool of threads in this JVM.
 *
 * <h2>How a run works</h2>
 *
 * Every run gets its own queue of task indexes. Each worker pulls the next index when it is free,
 * so a slow task delays only itself: nothing is assigned to a worker in advance. A failed attempt
 * goes back to the queue after a short backoff (doubling per retry), to be picked by whichever
 * worker is free then. Each worker folds the results it produced into its own accumulator as they
 * arrive; at the end of the run the accumulators are combined. So at most one result per worker
 * plus one accumulator per worker is held at once, however many tasks there are.
 *
 * <p>{@link Error}s thrown by a task, {@link OutOfMemoryError} included, are not retried: the task
 * fails at once and the others go on. A retry in the same JVM would meet the same memory pressure
 * (its siblings still hold theirs) and makes things worse for them; linkage and assertion errors
 * are deterministic. If the JVM is exhausted the remaining tasks fail and say so.
 *
 * <p>A {@link Merge} that throws ends the run with a {@link MergeFailedException}: that is a defect,
 * not a task failure, and a half-merged result would be silently wrong.
 *
 * <p>Cancelling (the {@link Cancellation} flag, or interrupting the thread that called {@code
 * run}) starts no more tasks and returns promptly with {@code cancelled = true}; running tasks see
 * {@link TaskContext#isCancelled()} and should stop early. Results that arrive after {@code run}
 * returned are dropped, and tasks that fail after cancellation are neither retried nor reported.
 * The merged value of a cancelled run covers the tasks that had finished.
 *
 * <p>The engine is reusable: runs (also concurrent ones from different threads) share its threads.
 * {@link #close()} cancels the runs in progress and stops the threads; a run on a closed engine
 * throws {@link IllegalStateException}.
 *
 * <h2>What every {@link Engine} must guarantee (and what tasks may rely on)</h2>
 *
 * <ul>
 *   <li>Each task's result is merged at most once, and exactly once if the run was not cancelled
 *       and the task succeeded on some attempt; a task that failed all its attempts appears exactly
 *       once in {@link RunResult#failures()}, with the number of attempts it took and the
 *       root-cause message (never a stack trace).
 *   <li>Merge order and grouping are unspecified (per-worker here, a tree on Spark). For a
 *       deterministic result the merge must be associative and commutative, or results must carry
 *       their task index and the merge must order by it.
 *   <li>A task may run more than once (retries, and on a cluster speculative execution), on any
 *       thread or machine, each time from a fresh copy: tasks must be idempotent, must not rely on
 *       state mutated by an earlier attempt, and must be serializable with everything they capture.
 *       Open connections, streams and clients inside the task's {@code run}, not before.
 *   <li>A task may return null, meaning "nothing to merge"; it still counts as succeeded.
 *   <li>The progress listener is called after each task ends, successfully or not, with {@code
 *       done} = tasks ended so far (succeeded + failed) and {@code failed} = those that failed.
 *       Here the calls are serialized and the counts only grow; keep listeners cheap.
 * </ul>
 *
 * <p>Nothing is serialized locally by default. {@link Builder#verifySerialization(boolean)} makes
 * the engine behave like a cluster in that respect: the tasks and the merge are serialized before
 * the run starts (a non-serializable one fails the run at once, naming it), every attempt runs on a
 * fresh deserialized copy, and every result travels through serialization before it is merged.
 * Tests use it to prove that what runs here would also ship to Spark; see also {@link
 * JavaSerialization}.
 */
public final class LocalEngine implements Engine {

  private static final AtomicInteger ENGINES = new AtomicInteger();

  /** How long close() lets running tasks notice the cancellation before interrupting them. */
  private static final Duration CLOSE_GRACE = Duration.ofSeconds(30);

  private final int workers;
  private final long retryBackoffNanos;
  private final boolean verifySerialization;
  private final ExecutorService pool;
  private final Set<LocalRun<?>> activeRuns = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** An engine with one worker per available processor. */
  public LocalEngine() {
    this(builder());
  }

  /** An engine with {@code workers} threads. */
  public LocalEngine(int workers) {
    this(builder().workers(workers));
  }

  private LocalEngine(Builder builder) {
    this.workers = builder.workers;
    this.retryBackoffNanos = builder.retryBackoff.toNanos();
    this.verifySerialization = builder.verifySerialization;
    this.pool = Executors.newFixedThreadPool(workers, workerThreads());
  }

  public static Builder builder() {
    return new Builder();
  }

  private static ThreadFactory workerThreads() {
    int engine = ENGINES.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    return runnable -> {
      Thread t = new Thread(runnable, "quarry-engine-" + engine + "-worker-" + thread.incrementAndGet());
      // Daemon: an engine someone forgot to close must not keep the JVM alive.
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public int parallelism() {
    return workers;
  }

  /** True unless the engine verifies serialization, which runs every attempt on a copy. */
  @Override
  public boolean sharesTaskObjects() {
    return !verifySerialization;
  }

  @Override
  public <R extends Serializable> RunResult<R> run(
      List<? extends Task<R>> tasks, Merge<R> merge, RunOptions options) {
    Objects.requireNonNull(tasks, "tasks");
    Objects.requireNonNull(merge, "merge");
    Objects.requireNonNull(options, "options");
    requireOpen();
    if (tasks.isEmpty()) {
      return new RunResult<>(Optional.empty(), 0, 0, List.of(), false);
    }
    Merge<R> effectiveMerge = merge;
    if (verifySerialization) {
      JavaSerialization.checkTasks(tasks);
      effectiveMerge = JavaSerialization.roundTrip(merge);
    }
    int loops = Math.min(workers, tasks.size());
    LocalRun<R> run =
        new LocalRun<>(
            List.copyOf(tasks), effectiveMerge, options, loops, retryBackoffNanos, verifySerialization);
    activeRuns.add(run);
    try {
      List<Future<?>> loopsRunning = new ArrayList<>(loops);
      try {
        for (int i = 0; i < loops; i++) {
          int worker = i;
          loopsRunning.add(pool.submit(() -> run.work(worker)));
        }
      } catch (RejectedExecutionException e) {
        // close() raced with this run: stop the loops already started before failing.
        run.requestStop();
        run.awaitResult();
        throw new IllegalStateException("LocalEngine was closed while starting a run", e);
      }
      if (closed) {
        // close() may have looked at activeRuns before this run was added.
        run.requestStop();
      }
      RunResult<R> result = run.awaitResult();
      if (!result.cancelled()) {
        // Every task ended, so the loops are only draining their stop signals: wait, so that no
        // thread of this run still touches the caller's objects once run() returned.
        awaitQuietly(loopsRunning);
      }
      return result;
    } finally {
      activeRuns.remove(run);
    }
  }

  private static void awaitQuietly(List<Future<?>> futures) {
    boolean interrupted = false;
    for (Future<?> future : futures) {
      while (true) {
        try {
          future.get();
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          break; // work() catches everything a task throws; nothing useful to add here
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void requireOpen() {
    if (closed) {
      throw new IllegalStateException("LocalEngine is closed; create a new one to run tasks");
    }
  }

  /**
   * Cancels the runs in progress and stops the worker threads, waiting for running tasks to notice
   * the cancellation (interrupting them if they ignore it for too long). Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    activeRuns.forEach(LocalRun::requestStop);
    pool.shutdown();
    try {
      if (!pool.awaitTermination(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        pool.shutdownNow();
      }
    } catch (InterruptedException e) {
      pool.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** Options of a {@link LocalEngine}. */
  public static final class Builder {
    private int workers = Runtime.getRuntime().availableProcessors();
    private Duration retryBackoff = Duration.ofMillis(50);
    private boolean verifySerialization;

    private Builder() {}

    /** Worker threads; defaults to the number of available processors. */
    public Builder workers(int workers) {
      if (workers < 1) {
        throw new IllegalArgumentException("workers must be at least 1, was " + workers);
      }
      this.workers = workers;
      return this;
    }

    /** Wait before the first retry of a failed task; doubles per further retry (up to 32x). */
    public Builder retryBackoff(Duration backoff) {
      if (backoff.isNegative()) {
        throw new IllegalArgumentException("retryBackoff must not be negative");
      }
      this.retryBackoff = backoff;
      return this;
    }

    /**
     * Ship tasks, the merge and results through Java serialization as a cluster would. Costs a
     * copy per attempt and per result: for tests and debugging, not production.
     */
    public Builder verifySerialization(boolean verify) {
      this.verifySerialization = verify;
      return this;
    }

    public LocalEngine build() {
      return new LocalEngine(this);
    }
  }
}
