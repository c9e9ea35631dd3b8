package dev.quarry.core.engine;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Reduces a failure to the one line a report needs: the innermost cause, never a stack trace. */
public final class RootCause {

  private RootCause() {}

  /** {@code "SimpleName: message"} of the deepest cause, e.g. {@code "NoSuchFileException: a.csv"}. */
  public static String describe(Throwable failure) {
    Throwable root = of(failure);
    String message = root.getMessage();
    String name = root.getClass().getSimpleName();
    return message == null || message.isBlank() ? name : name + ": " + message;
  }

  public static Throwable of(Throwable failure) {
    // Cause chains can loop (a cause set to an ancestor): stop at the first repeat.
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Throwable current = failure;
    while (current.getCause() != null && seen.add(current)) {
      current = current.getCause();
    }
    return current;
  }
}
