package dev.quarry.core.engine;

import java.io.Serializable;

/**
 * One unit of work with a serializable description and a serializable result, so the same task runs
 * on the local worker pool or as a Spark task. A task must be safe to run again (retries).
 */
@FunctionalInterface
public interface Task<R extends Serializable> extends Serializable {

  R run(TaskContext context) throws Exception;

  /** A short human description for progress and failure reports (a file name, a byte range). */
  default String describe() {
    return getClass().getSimpleName();
  }
}
