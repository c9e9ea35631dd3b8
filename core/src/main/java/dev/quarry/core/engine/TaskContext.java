package dev.quarry.core.engine;

/** What a running task may ask of its engine. */
public interface TaskContext {

  /** Position of the task in the submitted list. */
  int taskIndex();

  /** 1 for the first try, 2 for the first retry, ... */
  int attempt();

  /** True once the run was cancelled; long tasks check it between records and stop early. */
  boolean isCancelled();
}
