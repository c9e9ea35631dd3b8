package dev.quarry.slice;

/** The object has no slice index in the metadata location: preprocess it first. */
public final class MissingIndexException extends SliceException {
  public MissingIndexException(String message) {
    super(message);
  }
}
