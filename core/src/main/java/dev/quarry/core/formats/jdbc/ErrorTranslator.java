package dev.quarry.core.formats.jdbc;

import java.sql.SQLException;
import java.util.List;

/**
 * Turns driver exceptions into {@link DatabaseAccessException}s that name the database by its
 * redacted URL and never carry a credential, in the message or in the cause chain.
 */
final class ErrorTranslator {

  private final String redactedUrl;
  private final List<String> secrets;

  ErrorTranslator(JdbcSource source) {
    this.redactedUrl = source.redactedUrl();
    this.secrets = Credentials.secretsOf(source);
  }

  String redactedUrl() {
    return redactedUrl;
  }

  DatabaseAccessException translate(String what, Exception failure) {
    String detail = Credentials.scrub(describe(failure), secrets);
    String message = what + " (" + redactedUrl + "): " + detail;
    // A cause that shows a secret would be printed by any logger: leave it out then.
    Throwable cause = Credentials.leaks(failure, secrets) ? null : failure;
    return new DatabaseAccessException(message, cause);
  }

  private static String describe(Exception failure) {
    String message = failure.getMessage();
    if (failure instanceof SQLException sql && sql.getSQLState() != null) {
      return (message == null ? failure.getClass().getSimpleName() : message)
          + " [SQLState " + sql.getSQLState() + "]";
    }
    return message == null ? failure.getClass().getSimpleName() : message;
  }
}
