package dev.quarry.core.formats;

import java.io.IOException;

/**
 * The input cannot be read as the format it claims or was detected as: empty, truncated, binary junk,
 * a malformed record. Always the user's input, never a fault of ours; the message names the input.
 */
public class UnreadableInputException extends IOException {
  public UnreadableInputException(String message) {
    super(message);
  }

  public UnreadableInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
