package dev.quarry.profile;

import java.io.IOException;

/** The dataset cannot be profiled because of the input itself; the message names it and says why. */
public class ProfileException extends IOException {
  public ProfileException(String message) {
    super(message);
  }

  public ProfileException(String message, Throwable cause) {
    super(message, cause);
  }
}
