package dev.quarry.core.engine;

import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;

/**
 * One try of one task waiting in a run's queue. Retries wait out their backoff in the queue itself,
 * so no worker sleeps while other tasks are ready. {@link #stop()} entries wake idle workers at the
 * end of a run and sort before everything else.
 */
final class Attempt implements Delayed {

  private final int taskIndex;
  private final int number;
  private final long readyAtNanos;
  private final long sequence;
  private final boolean stop;

  private Attempt(int taskIndex, int number, long readyAtNanos, long sequence, boolean stop) {
    this.taskIndex = taskIndex;
    this.number = number;
    this.readyAtNanos = readyAtNanos;
    this.sequence = sequence;
    this.stop = stop;
  }

  /** A first try, ready now; the sequence keeps tasks in submission order among equals. */
  static Attempt first(int taskIndex, long nowNanos) {
    return new Attempt(taskIndex, 1, nowNanos, taskIndex, false);
  }

  static Attempt stop() {
    return new Attempt(-1, 0, 0, -1, true);
  }

  Attempt retry(long nowNanos, long backoffNanos, long sequence) {
    return new Attempt(taskIndex, number + 1, nowNanos + backoffNanos, sequence, false);
  }

  int taskIndex() {
    return taskIndex;
  }

  /** 1 for the first try. */
  int number() {
    return number;
  }

  boolean isStop() {
    return stop;
  }

  @Override
  public long getDelay(TimeUnit unit) {
    return stop ? -1 : unit.convert(readyAtNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
  }

  @Override
  public int compareTo(Delayed other) {
    Attempt that = (Attempt) other;
    if (stop != that.stop) {
      return stop ? -1 : 1;
    }
    // Subtraction, not Long.compare: nanoTime values are only comparable by their difference.
    long diff = readyAtNanos - that.readyAtNanos;
    if (diff != 0) {
      return diff < 0 ? -1 : 1;
    }
    return Long.compare(sequence, that.sequence);
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
