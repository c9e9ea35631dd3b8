package dev.quarry.core.engine;

import java.util.concurrent.atomic.AtomicBoolean;

/** A flag the caller sets to stop a run: queued tasks are not started, running ones are asked to stop. */
public final class Cancellation {

  private final AtomicBoolean cancelled = new AtomicBoolean();

  public void cancel() {
    cancelled.set(true);
  }

  public boolean isCancelled() {
    return cancelled.get();
  }
}
