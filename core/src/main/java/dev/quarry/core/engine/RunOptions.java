package dev.quarry.core.engine;

/**
 * How to run a list of tasks.
 *
 * @param maxAttempts tries per task before it counts as failed (1 = no retry)
 * @param progress told after each task ends
 * @param cancellation set by the caller to stop the run
 */
public record RunOptions(int maxAttempts, ProgressListener progress, Cancellation cancellation) {

  public RunOptions {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    progress = progress == null ? ProgressListener.NONE : progress;
    cancellation = cancellation == null ? new Cancellation() : cancellation;
  }

  public static RunOptions defaults() {
    return new RunOptions(2, ProgressListener.NONE, new Cancellation());
  }

  public RunOptions withProgress(ProgressListener listener) {
    return new RunOptions(maxAttempts, listener, cancellation);
  }

  public RunOptions withMaxAttempts(int attempts) {
    return new RunOptions(attempts, progress, cancellation);
  }

  public RunOptions withCancellation(Cancellation c) {
    return new RunOptions(maxAttempts, progress, c);
  }
}
