package dev.quarry.core.engine;

import java.util.function.BooleanSupplier;

/** The {@link TaskContext} of one attempt on the local engine. */
record AttemptContext(int taskIndex, int attempt, BooleanSupplier cancelled)
    implements TaskContext {

  @Override
  public boolean isCancelled() {
    return cancelled.getAsBoolean();
  }
}
