package dev.quarry.core.engine;

/** Told as tasks finish; called from worker threads, so implementations must be thread-safe. */
@FunctionalInterface
public interface ProgressListener {

  ProgressListener NONE = (done, failed, total) -> {};

  void onProgress(int done, int failed, int total);
}
