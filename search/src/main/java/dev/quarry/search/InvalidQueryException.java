package dev.quarry.search;

/** A search request that cannot be answered as asked: the caller's mistake, reported as such. */
public class InvalidQueryException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public InvalidQueryException(String message) {
    super(message);
  }
}
