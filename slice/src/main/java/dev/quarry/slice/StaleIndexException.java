package dev.quarry.slice;

/** The object changed (size or ETag) after its slice index was written; preprocess again with force. */
public final class StaleIndexException extends SliceException {
  public StaleIndexException(String message) {
    super(message);
  }
}
