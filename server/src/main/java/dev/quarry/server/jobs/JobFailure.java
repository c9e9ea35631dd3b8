package dev.quarry.server.jobs;

/** A job failure that retrying cannot fix (the input is wrong); the message is shown to the user. */
public class JobFailure extends Exception {
  public JobFailure(String message, Throwable cause) {
    super(message, cause);
  }

  public JobFailure(String message) {
    super(message);
  }
}
