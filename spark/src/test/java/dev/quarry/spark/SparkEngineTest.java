package dev.quarry.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.core.engine.JavaSerialization;
import dev.quarry.core.engine.Merge;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine contract on Spark {@code local[2]}: merging, failures once, retries, progress, cancel. */
class SparkEngineTest {

  static SparkEngine engine;

  @BeforeAll
  static void start() {
    engine = SparkEngine.builder().master("local[2]").appName("quarry-test").build();
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  record Square(long n) implements Task<Long> {
    @Override
    public Long run(TaskContext context) {
      return n * n;
    }
  }

  /** Fails until its attempt number reaches {@code succeedOn} (0: always fails). */
  record Flaky(long n, int succeedOn) implements Task<Long> {
    @Override
    public Long run(TaskContext context) {
      if (succeedOn == 0 || context.attempt() < succeedOn) {
        throw new IllegalStateException("flaky " + n + " attempt " + context.attempt());
      }
      return n;
    }

    @Override
    public String describe() {
      return "flaky " + n;
    }
  }

  static final Merge<Long> SUM = Long::sum;

  @Test
  void mergesEveryResultOnce() {
    List<Square> tasks = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      tasks.add(new Square(i));
    }
    RunResult<Long> r = engine.run(tasks, SUM, RunOptions.defaults());
    assertThat(r.allSucceeded()).isTrue();
    assertThat(r.total()).isEqualTo(50);
    assertThat(r.merged()).contains(50L * 51 * 101 / 6);
    assertThat(engine.parallelism()).isEqualTo(2);
  }

  @Test
  void failedTaskIsReportedOnceAndTheRunGoesOn() {
    List<Task<Long>> tasks = List.of(new Square(3), new Flaky(7, 0), new Flaky(5, 2), new Square(4));
    List<int[]> progress = new CopyOnWriteArrayList<>();
    RunResult<Long> r = engine.run(tasks, SUM, RunOptions.defaults().withMaxAttempts(3)
        .withProgress((done, failed, total) -> progress.add(new int[] {done, failed, total})));
    assertThat(r.succeeded()).isEqualTo(3);
    assertThat(r.merged()).contains(9L + 5 + 16);
    assertThat(r.failures()).singleElement().satisfies(f -> {
      assertThat(f.taskIndex()).isEqualTo(1);
      assertThat(f.task()).isEqualTo("flaky 7");
      assertThat(f.attempts()).isEqualTo(3);
      assertThat(f.error()).isEqualTo("IllegalStateException: flaky 7 attempt 3");
    });
    // Listener events are delivered asynchronously; wait for the last one.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (progress.stream().noneMatch(p -> p[0] == 4) && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(progress).last().satisfies(p -> assertThat(p).containsExactly(4, 1, 4));
  }

  @Test
  void nullResultsCountAsSuccesses() {
    Task<Long> nothing = context -> null;
    RunResult<Long> r = engine.run(List.of(nothing, new Square(2)), SUM, RunOptions.defaults());
    assertThat(r.succeeded()).isEqualTo(2);
    assertThat(r.merged()).contains(4L);
  }

  @Test
  void nonSerializableTaskFailsBeforeTheRun() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Task<Long> bad = new Task<>() {
      final Object stream = captured; // not serializable, nor is the anonymous class's outer test
      @Override
      public Long run(TaskContext context) {
        return (long) stream.hashCode();
      }
    };
    assertThatThrownBy(() -> engine.run(List.of(new Square(1), bad), SUM, RunOptions.defaults()))
        .isInstanceOf(JavaSerialization.NotSerializableValueException.class)
        .hasMessageContaining("Task 1");
  }

  record Sleepy(int n) implements Task<Long> {
    @Override
    public Long run(TaskContext context) throws InterruptedException {
      for (int i = 0; i < 600 && !context.isCancelled(); i++) {
        Thread.sleep(50);
      }
      return 1L;
    }
  }

  @Test
  void cancellationStopsTheRun() throws Exception {
    Cancellation cancel = new Cancellation();
    var timer = Executors.newSingleThreadScheduledExecutor();
    try {
      timer.schedule(cancel::cancel, 1500, TimeUnit.MILLISECONDS);
      long start = System.nanoTime();
      RunResult<Long> r = engine.run(List.of(new Sleepy(1), new Sleepy(2), new Sleepy(3)), SUM,
          RunOptions.defaults().withCancellation(cancel));
      assertThat(r.cancelled()).isTrue();
      assertThat(r.merged()).isEmpty();
      // Each task would sleep 30 s; the run ended long before the first could finish.
      assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(25);
    } finally {
      timer.shutdownNow();
    }
    // The engine is still usable after a cancelled run.
    assertThat(engine.run(List.of(new Square(3)), SUM, RunOptions.defaults()).merged()).contains(9L);
  }
}
