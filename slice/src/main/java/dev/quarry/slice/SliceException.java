package dev.quarry.slice;

import dev.quarry.core.formats.UnreadableInputException;

/**
 * The object cannot be sliced as the format it was given: a malformed record, a truncated stream.
 * Always the user's input; the message names the object and the byte offset of the problem.
 */
public class SliceException extends UnreadableInputException {

  private final long offset;

  public SliceException(String object, long offset, String problem) {
    super(object + " at byte " + offset + ": " + problem);
    this.offset = offset;
  }

  public SliceException(String message) {
    super(message);
    this.offset = -1;
  }

  public SliceException(String message, Throwable cause) {
    super(message, cause);
    this.offset = -1;
  }

  /** Byte offset of the problem in the object (uncompressed offset for gzip), or -1. */
  public long offset() {
    return offset;
  }
}
