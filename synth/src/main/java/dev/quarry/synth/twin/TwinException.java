package dev.quarry.synth.twin;

/**
 * The input of a twin is unusable: not JSON, not a Quarry profile, or a profile without the heavy
 * part. An {@link IllegalArgumentException} so the CLI reports it as the user's mistake (exit 2).
 */
public final class TwinException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public TwinException(String message) {
    super(message);
  }

  public TwinException(String message, Throwable cause) {
    super(message, cause);
  }
}
