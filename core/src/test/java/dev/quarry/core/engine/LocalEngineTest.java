package dev.quarry.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LocalEngineTest {

  /** Only a guard against a hung test; no assertion depends on how long anything takes. */
  private static final long GUARD_SECONDS = 30;

  private final List<LocalEngine> engines = new ArrayList<>();

  @AfterEach
  void closeEngines() {
    engines.forEach(LocalEngine::close);
  }

  private LocalEngine engine(int workers) {
    LocalEngine engine = LocalEngine.builder().workers(workers).retryBackoff(Duration.ZERO).build();
    engines.add(engine);
    return engine;
  }

  /** A value whose merge is associative and commutative: a sum and a histogram of residues. */
  record Stats(long sum, long count, TreeMap<Integer, Integer> residues) implements Serializable {
    static Stats of(int value) {
      TreeMap<Integer, Integer> residues = new TreeMap<>();
      residues.put(value % 7, 1);
      return new Stats(value, 1, residues);
    }

    static Stats merge(Stats a, Stats b) {
      TreeMap<Integer, Integer> residues = new TreeMap<>(a.residues);
      b.residues.forEach((k, v) -> residues.merge(k, v, Integer::sum));
      return new Stats(a.sum + b.sum, a.count + b.count, residues);
    }
  }

  @Test
  void mergedResultEqualsSequentialFold() {
    List<Task<Stats>> tasks = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      int value = i * 31 + 5;
      tasks.add(context -> Stats.of(value));
    }
    Stats expected = IntStream.range(0, 1000).mapToObj(i -> Stats.of(i * 31 + 5)).reduce(Stats::merge).orElseThrow();

    RunResult<Stats> result = engine(4).run(tasks, Stats::merge, RunOptions.defaults());

    assertThat(result.merged()).contains(expected);
    assertThat(result.total()).isEqualTo(1000);
    assertThat(result.succeeded()).isEqualTo(1000);
    assertThat(result.failures()).isEmpty();
    assertThat(result.cancelled()).isFalse();
    assertThat(result.allSucceeded()).isTrue();
  }

  @Test
  void taskFailingTwiceThenSucceedingWithThreeAttemptsSucceeds() {
    Map<Integer, AtomicInteger> attemptsSeen = new ConcurrentHashMap<>();
    List<Task<Long>> tasks = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      tasks.add(
          context -> {
            attemptsSeen.computeIfAbsent(context.taskIndex(), k -> new AtomicInteger()).incrementAndGet();
            if (context.taskIndex() == 3 && context.attempt() < 3) {
              throw new IOException("flaky read, attempt " + context.attempt());
            }
            return (long) context.taskIndex();
          });
    }

    RunResult<Long> result = engine(2).run(tasks, Long::sum, RunOptions.defaults().withMaxAttempts(3));

    assertThat(result.failures()).isEmpty();
    assertThat(result.succeeded()).isEqualTo(10);
    assertThat(result.merged()).contains(45L);
    assertThat(attemptsSeen.get(3)).hasValue(3);
    assertThat(attemptsSeen.get(4)).hasValue(1);
  }

  @Test
  void alwaysFailingTaskIsReportedOnceWithRootCause() {
    AtomicInteger attempts = new AtomicInteger();
    List<Task<Long>> tasks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      tasks.add(
          new Task<>() {
            @Override
            public Long run(TaskContext context) {
              if (context.taskIndex() == 2) {
                attempts.incrementAndGet();
                throw new IllegalStateException(
                    "wrapper", new UncheckedIOException(new IOException("disk on fire")));
              }
              return 1L;
            }

            @Override
            public String describe() {
              return "part-2.csv";
            }
          });
    }
    List<int[]> progress = new CopyOnWriteArrayList<>();

    RunResult<Long> result =
        engine(3)
            .run(
                tasks,
                Long::sum,
                RunOptions.defaults()
                    .withMaxAttempts(4)
                    .withProgress((done, failed, total) -> progress.add(new int[] {done, failed, total})));

    assertThat(result.failures())
        .containsExactly(new TaskFailure(2, "part-2.csv", 4, "IOException: disk on fire"));
    assertThat(attempts).hasValue(4);
    assertThat(result.succeeded()).isEqualTo(4);
    assertThat(result.merged()).contains(4L);
    assertThat(result.allSucceeded()).isFalse();
    // One call per task ended, never per attempt; counts only grow.
    assertThat(progress).hasSize(5);
    assertThat(progress.get(4)).containsExactly(5, 1, 5);
    for (int i = 0; i < progress.size(); i++) {
      assertThat(progress.get(i)[0]).isEqualTo(i + 1);
    }
  }

  @Test
  void everyTaskFailingGivesEmptyMerge() {
    List<Task<Long>> tasks =
        IntStream.range(0, 20)
            .<Task<Long>>mapToObj(
                i ->
                    context -> {
                      throw new IOException("no such file: f" + context.taskIndex());
                    })
            .toList();

    RunResult<Long> result = engine(4).run(tasks, Long::sum, RunOptions.defaults());

    assertThat(result.merged()).isEmpty();
    assertThat(result.succeeded()).isZero();
    assertThat(result.total()).isEqualTo(20);
    assertThat(result.failures()).hasSize(20);
    assertThat(result.failures()).extracting(TaskFailure::taskIndex).containsExactlyElementsOf(IntStream.range(0, 20).boxed().toList());
    assertThat(result.failures()).allSatisfy(f -> assertThat(f.attempts()).isEqualTo(2));
    assertThat(result.failures().get(7).error()).isEqualTo("IOException: no such file: f7");
  }

  @Test
  void errorsAreNotRetried() {
    AtomicInteger attempts = new AtomicInteger();
    List<Task<Long>> tasks =
        List.of(
            context -> {
              attempts.incrementAndGet();
              throw new OutOfMemoryError("Java heap space");
            },
            context -> 7L);

    RunResult<Long> result = engine(2).run(tasks, Long::sum, RunOptions.defaults().withMaxAttempts(5));

    assertThat(attempts).hasValue(1);
    assertThat(result.failures()).containsExactly(new TaskFailure(0, result.failures().get(0).task(), 1, "OutOfMemoryError: Java heap space"));
    assertThat(result.merged()).contains(7L);
  }

  @Test
  void progressListenerCountsEveryTask() {
    AtomicInteger calls = new AtomicInteger();
    AtomicInteger lastDone = new AtomicInteger();
    AtomicInteger lastFailed = new AtomicInteger();
    List<Task<Long>> tasks =
        IntStream.range(0, 200)
            .<Task<Long>>mapToObj(
                i ->
                    context -> {
                      if (context.taskIndex() % 50 == 0) {
                        throw new IOException("bad");
                      }
                      return 1L;
                    })
            .toList();

    RunResult<Long> result =
        engine(4)
            .run(
                tasks,
                Long::sum,
                RunOptions.defaults()
                    .withMaxAttempts(1)
                    .withProgress(
                        (done, failed, total) -> {
                          calls.incrementAndGet();
                          lastDone.set(done);
                          lastFailed.set(failed);
                          assertThat(total).isEqualTo(200);
                        }));

    assertThat(calls).hasValue(200);
    assertThat(lastDone).hasValue(200);
    assertThat(lastFailed).hasValue(4);
    assertThat(result.merged()).contains(196L);
  }

  @Test
  void slowTaskDoesNotHoldUpTheOtherWorker() throws Exception {
    int count = 50;
    CountDownLatch othersDone = new CountDownLatch(count - 1);
    Map<Integer, String> threadOf = new ConcurrentHashMap<>();
    AtomicInteger slowSawAllOthersDone = new AtomicInteger();
    List<Task<Long>> tasks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      tasks.add(
          context -> {
            threadOf.put(context.taskIndex(), Thread.currentThread().getName());
            if (context.taskIndex() == 0) {
              // Stays busy until every other task is done: with pre-assigned batches half of
              // them would be stuck behind it and this would never return true.
              if (othersDone.await(GUARD_SECONDS, TimeUnit.SECONDS)) {
                slowSawAllOthersDone.incrementAndGet();
              }
            } else {
              othersDone.countDown();
            }
            return 1L;
          });
    }

    RunResult<Long> result = engine(2).run(tasks, Long::sum, RunOptions.defaults());

    assertThat(slowSawAllOthersDone).hasValue(1);
    String slowThread = threadOf.get(0);
    assertThat(IntStream.range(1, count).mapToObj(threadOf::get)).doesNotContain(slowThread).containsOnly(threadOf.get(1));
    assertThat(result.merged()).contains((long) count);
  }

  @Test
  void cancellationStopsStartingQueuedTasks() throws Exception {
    LocalEngine engine = engine(2);
    CountDownLatch bothStarted = new CountDownLatch(2);
    AtomicInteger started = new AtomicInteger();
    AtomicInteger sawCancellation = new AtomicInteger();
    List<Task<Long>> tasks =
        IntStream.range(0, 100)
            .<Task<Long>>mapToObj(
                i ->
                    context -> {
                      started.incrementAndGet();
                      bothStarted.countDown();
                      // A long task checks for cancellation as it goes.
                      while (!context.isCancelled()) {
                        Thread.sleep(1);
                      }
                      sawCancellation.incrementAndGet();
                      return 1L;
                    })
            .toList();
    Cancellation cancellation = new Cancellation();

    CompletableFuture<RunResult<Long>> running =
        CompletableFuture.supplyAsync(
            () -> engine.run(tasks, Long::sum, RunOptions.defaults().withCancellation(cancellation)));
    assertThat(bothStarted.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
    cancellation.cancel();
    RunResult<Long> result = running.get(GUARD_SECONDS, TimeUnit.SECONDS);
    engine.close(); // waits for the two running tasks to wind down

    assertThat(result.cancelled()).isTrue();
    assertThat(result.allSucceeded()).isFalse();
    assertThat(result.total()).isEqualTo(100);
    assertThat(result.failures()).isEmpty();
    assertThat(started).hasValue(2);
    assertThat(sawCancellation).hasValue(2);
  }

  @Test
  void interruptingTheCallerCancelsTheRun() throws Exception {
    LocalEngine engine = engine(1);
    CountDownLatch taskStarted = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    List<Task<Long>> tasks =
        IntStream.range(0, 10)
            .<Task<Long>>mapToObj(
                i ->
                    context -> {
                      started.incrementAndGet();
                      taskStarted.countDown();
                      while (!context.isCancelled()) {
                        Thread.sleep(1);
                      }
                      return 1L;
                    })
            .toList();
    CompletableFuture<RunResult<Long>> result = new CompletableFuture<>();
    AtomicInteger interruptKept = new AtomicInteger();
    Thread caller =
        new Thread(
            () -> {
              result.complete(engine.run(tasks, Long::sum, RunOptions.defaults()));
              if (Thread.currentThread().isInterrupted()) {
                interruptKept.incrementAndGet();
              }
            });
    caller.start();
    assertThat(taskStarted.await(GUARD_SECONDS, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    caller.join(TimeUnit.SECONDS.toMillis(GUARD_SECONDS));
    engine.close();

    assertThat(result.get(GUARD_SECONDS, TimeUnit.SECONDS).cancelled()).isTrue();
    assertThat(interruptKept).hasValue(1);
    assertThat(started).hasValue(1);
  }

  @Test
  void engineIsReusableAndRejectsRunsOnceClosed() {
    LocalEngine engine = engine(3);
    List<Task<Long>> tasks = List.of(context -> 1L, context -> 2L, context -> 3L);

    assertThat(engine.run(tasks, Long::sum, RunOptions.defaults()).merged()).contains(6L);
    assertThat(engine.run(tasks, Long::max, RunOptions.defaults()).merged()).contains(3L);
    assertThat(engine.parallelism()).isEqualTo(3);

    engine.close();
    engine.close(); // idempotent
    assertThatThrownBy(() -> engine.run(tasks, Long::sum, RunOptions.defaults()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void emptyTaskListIsAnEmptySuccessfulRun() {
    RunResult<Long> result = engine(2).run(List.<Task<Long>>of(), Long::sum, RunOptions.defaults());

    assertThat(result.merged()).isEmpty();
    assertThat(result.allSucceeded()).isTrue();
  }

  @Test
  void failingMergeEndsTheRun() {
    List<Task<Long>> tasks = IntStream.range(0, 10).<Task<Long>>mapToObj(i -> context -> 1L).toList();
    Merge<Long> broken =
        (a, b) -> {
          throw new ArithmeticException("overflow");
        };

    assertThatThrownBy(() -> engine(2).run(tasks, broken, RunOptions.defaults()))
        .isInstanceOf(MergeFailedException.class)
        .hasMessageContaining("ArithmeticException: overflow");
  }

  /** Captures a thread: cannot be serialized, as a task capturing a connection or stream. */
  record CapturesThread(Thread thread) implements Task<Long> {
    @Override
    public Long run(TaskContext context) {
      return 1L;
    }
  }

  record Constant(long value) implements Task<Long> {
    @Override
    public Long run(TaskContext context) {
      return value;
    }
  }

  @Test
  void serializationCheckCatchesNonSerializableTask() {
    LocalEngine engine = LocalEngine.builder().workers(2).verifySerialization(true).build();
    engines.add(engine);
    List<Task<Long>> tasks = List.of(new Constant(1), new CapturesThread(Thread.currentThread()));

    assertThatThrownBy(() -> engine.run(tasks, Long::sum, RunOptions.defaults()))
        .isInstanceOf(JavaSerialization.NotSerializableValueException.class)
        .hasMessageContaining("Task 1")
        .hasMessageContaining("java.lang.Thread");
  }

  @Test
  void serializationCheckRunsSerializableTasksOnCopies() {
    LocalEngine engine = LocalEngine.builder().workers(2).verifySerialization(true).build();
    engines.add(engine);
    List<Task<Stats>> tasks = IntStream.range(0, 30).<Task<Stats>>mapToObj(i -> context -> Stats.of(i)).toList();

    RunResult<Stats> result = engine.run(tasks, Stats::merge, RunOptions.defaults());

    assertThat(result.merged().orElseThrow().sum()).isEqualTo(435);
    assertThat(result.merged().orElseThrow().count()).isEqualTo(30);
  }

  /** A result that cannot travel back from an executor. */
  static final class Unshippable implements Serializable {
    @SuppressWarnings("unused")
    private final transient Object fine = new Object();

    @SuppressWarnings({"unused", "serial"})
    private final Object notFine = new Object();
  }

  @Test
  void serializationCheckFailsTaskWithUnshippableResultWithoutRetrying() {
    LocalEngine engine = LocalEngine.builder().workers(1).verifySerialization(true).build();
    engines.add(engine);
    List<Task<Unshippable>> tasks = List.of(context -> new Unshippable());

    RunResult<Unshippable> result = engine.run(tasks, (a, b) -> a, RunOptions.defaults().withMaxAttempts(3));

    assertThat(result.failures()).singleElement().satisfies(f -> {
      assertThat(f.attempts()).isEqualTo(1);
      assertThat(f.error()).contains("java.lang.Object");
    });
  }

  @Test
  void roundTripHelperCopiesAndRejects() {
    Stats stats = Stats.of(12);
    Stats copy = JavaSerialization.roundTrip(stats);
    assertThat(copy).isEqualTo(stats).isNotSameAs(stats);

    assertThatThrownBy(() -> JavaSerialization.roundTrip(new CapturesThread(Thread.currentThread())))
        .isInstanceOf(JavaSerialization.NotSerializableValueException.class)
        .hasMessageContaining("java.lang.Thread");
  }

  @Test
  void brokenProgressListenerNeverHangsTheRun() {
    List<Task<Long>> tasks = IntStream.range(0, 20).<Task<Long>>mapToObj(i -> context -> 1L).toList();

    RunResult<Long> survived =
        engine(2)
            .run(
                tasks,
                Long::sum,
                RunOptions.defaults()
                    .withProgress(
                        (done, failed, total) -> {
                          throw new IllegalArgumentException("listener bug");
                        }));
    assertThat(survived.merged()).contains(20L);

    assertThatThrownBy(
            () ->
                engine(2)
                    .run(
                        tasks,
                        Long::sum,
                        RunOptions.defaults()
                            .withProgress(
                                (done, failed, total) -> {
                                  throw new AssertionError("listener error");
                                })))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("AssertionError: listener error");
  }
}
