package dev.quarry.core.engine;

/**
 * The {@link Merge} function itself threw. Unlike a task failure this is a defect in the merge (or
 * the results it was given are incompatible), so the run stops instead of reporting some tasks
 * as failed: a partial merge could silently be wrong.
 */
public class MergeFailedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public MergeFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
