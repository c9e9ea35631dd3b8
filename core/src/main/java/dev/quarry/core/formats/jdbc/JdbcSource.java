package dev.quarry.core.formats.jdbc;

import java.util.Objects;
import java.util.Properties;

/**
 * Where a database is and how to log in: a JDBC URL and the driver properties ({@code user},
 * {@code password}, driver options). {@link #toString()} never shows a credential.
 */
public record JdbcSource(String url, Properties properties) {

  public JdbcSource {
    Objects.requireNonNull(url, "url");
    // A defensive copy: Properties is mutable and the caller may reuse theirs.
    Properties copy = new Properties();
    if (properties != null) {
      copy.putAll(properties);
    }
    properties = copy;
  }

  public static JdbcSource of(String url) {
    return new JdbcSource(url, null);
  }

  /** {@code user} and {@code password} may be null to leave them out. */
  public static JdbcSource of(String url, String user, String password) {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return new JdbcSource(url, properties);
  }

  /** A copy of the driver properties (the record's own stays untouched). */
  @Override
  public Properties properties() {
    Properties copy = new Properties();
    copy.putAll(properties);
    return copy;
  }

  /** The URL with passwords, tokens and keys replaced by {@code ***}: safe for messages and logs. */
  public String redactedUrl() {
    return Credentials.redactUrl(url);
  }

  @Override
  public String toString() {
    return "JdbcSource[" + redactedUrl() + ", properties=" + Credentials.redactedKeys(properties) + "]";
  }
}
