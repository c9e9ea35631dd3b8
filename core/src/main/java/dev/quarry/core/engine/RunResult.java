package dev.quarry.core.engine;

import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a run: the merge of every successful task's result (empty if none succeeded), how
 * many tasks there were, and the failures.
 */
public record RunResult<R extends Serializable>(
    Optional<R> merged, int total, int succeeded, List<TaskFailure> failures, boolean cancelled)
    implements Serializable {

  public RunResult {
    failures = List.copyOf(failures);
  }

  public boolean allSucceeded() {
    return succeeded == total && !cancelled;
  }
}
