package dev.quarry.core.formats.jdbc;

import java.io.IOException;

/**
 * A database could not be reached or read: unknown driver, bad URL, refused credentials, failed
 * query. The message names the database by its URL with every credential removed, and is safe to
 * log and to show.
 */
public class DatabaseAccessException extends IOException {
  private static final long serialVersionUID = 1L;

  public DatabaseAccessException(String message, Throwable cause) {
    super(message, cause);
  }
}
