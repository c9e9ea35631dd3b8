package dev.quarry.core.engine;

import dev.quarry.core.engine.JavaSerialization.NotSerializableValueException;

/** When a failed task attempt is tried again, and after how long; shared by every engine. */
public final class Retries {

  /** Backoffs double per retry up to this many times the base: a flaky store gets some air. */
  private static final int MAX_BACKOFF_FACTOR = 32;

  private Retries() {}

  /**
   * Errors are not retried. A {@link VirtualMachineError} (out of memory, stack overflow) comes
   * back on a retry in the same JVM while sibling tasks still hold their memory, and a retry makes
   * the pressure worse for everyone else; linkage and assertion errors are deterministic. The task
   * fails at once and the run goes on, so one oversized input costs one task, not the run; if the
   * JVM is truly exhausted the other tasks fail too and say so. A result that cannot be serialized
   * is just as deterministic.
   */
  public static boolean isRetryable(Throwable failure) {
    return !(failure instanceof Error) && !(failure instanceof NotSerializableValueException);
  }

  /** The wait before attempt {@code failedAttempt + 1}: the base, doubled per retry, capped. */
  public static long backoffNanos(long baseNanos, int failedAttempt) {
    long factor = Math.min(1L << Math.min(failedAttempt - 1, 30), MAX_BACKOFF_FACTOR);
    return baseNanos * factor;
  }
}
