package dev.quarry.synth.write;

import java.io.IOException;

/**
 * What differs between the SQL the writer produces for each database. Literals assume the servers'
 * defaults: PostgreSQL's {@code standard_conforming_strings = on} (so a backslash is an ordinary
 * character) and MySQL without {@code NO_BACKSLASH_ESCAPES} (so backslashes are escaped).
 *
 * <table>
 *   <caption>Per dialect</caption>
 *   <tr><th></th><th>standard</th><th>postgresql</th><th>mysql</th><th>sqlite</th></tr>
 *   <tr><td>identifiers</td><td>"a""b"</td><td>"a""b"</td><td>`a``b`</td><td>"a""b"</td></tr>
 *   <tr><td>STRING</td><td>VARCHAR</td><td>TEXT</td><td>TEXT</td><td>TEXT</td></tr>
 *   <tr><td>INTEGER</td><td>BIGINT</td><td>BIGINT</td><td>BIGINT</td><td>BIGINT</td></tr>
 *   <tr><td>FLOAT</td><td>DOUBLE PRECISION</td><td>DOUBLE PRECISION</td><td>DOUBLE</td><td>REAL</td></tr>
 *   <tr><td>DECIMAL</td><td>NUMERIC(p,s)</td><td>NUMERIC(p,s)</td><td>DECIMAL(p,s)</td><td>NUMERIC(p,s)</td></tr>
 *   <tr><td>BOOLEAN</td><td>BOOLEAN, TRUE</td><td>BOOLEAN, TRUE</td><td>BOOLEAN, TRUE</td><td>BOOLEAN, 1</td></tr>
 *   <tr><td>DATE</td><td>DATE '…'</td><td>DATE '…'</td><td>DATE '…'</td><td>DATE, '…'</td></tr>
 *   <tr><td>TIME</td><td>TIME '…'</td><td>TIME '…'</td><td>TIME(6) '…'</td><td>TIME, '…'</td></tr>
 *   <tr><td>DATETIME</td><td>TIMESTAMP '…'</td><td>TIMESTAMP '…'</td><td>DATETIME(6), TIMESTAMP '…'</td><td>TIMESTAMP, '… …'</td></tr>
 * </table>
 *
 * <p>SQLite has no date, time or exact decimal storage: dates and times are ISO text (its date
 * functions' format), and by its type-affinity rules a NUMERIC column keeps a decimal as INTEGER or
 * REAL, exact to about 15 significant digits. MySQL uses DATETIME rather than its TIMESTAMP, which
 * converts time zones and ends in 2038, and asks for 6 fractional digits, which it otherwise drops.
 * Standard SQL writes {@code TIME} and {@code TIMESTAMP} without a precision, since several engines
 * (DuckDB) reject one; by the standard {@code TIME} then keeps whole seconds only (PostgreSQL and
 * DuckDB keep microseconds anyway), so use a specific dialect where sub-second times matter.
 *
 * <p>Characters: U+0000 cannot be stored in PostgreSQL text and ends a statement in SQLite's and
 * many clients' parsers, so those dialects and standard write U+FFFD in its place; MySQL writes
 * {@code \0}, and {@code \Z} for U+001A (which ends input on Windows clients). Non-finite doubles
 * are {@code CAST('NaN' AS DOUBLE PRECISION)} (and Infinity, -Infinity) in PostgreSQL and standard,
 * {@code 9e999}/{@code -9e999} (and NULL for NaN) in SQLite, and NULL in MySQL, which stores none.
 */
public enum SqlDialect {
  STANDARD("standard", '"'),
  POSTGRESQL("postgresql", '"'),
  MYSQL("mysql", '`'),
  SQLITE("sqlite", '"');

  private final String id;
  private final char identifierQuote;

  SqlDialect(String id, char identifierQuote) {
    this.id = id;
    this.identifierQuote = identifierQuote;
  }

  /** The name after {@code sql:} in a format name. */
  public String id() {
    return id;
  }

  String typeName(OutputColumn c) {
    return switch (c.type()) {
      case STRING -> this == STANDARD ? "VARCHAR" : "TEXT";
      case INTEGER -> "BIGINT";
      case FLOAT -> switch (this) {
        case MYSQL -> "DOUBLE";
        case SQLITE -> "REAL";
        default -> "DOUBLE PRECISION";
      };
      case DECIMAL -> (this == MYSQL ? "DECIMAL(" : "NUMERIC(") + c.precision() + "," + c.scale() + ")";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
      case TIME -> this == MYSQL ? "TIME(6)" : "TIME";
      case DATETIME -> this == MYSQL ? "DATETIME(6)" : "TIMESTAMP";
      default -> throw new IllegalArgumentException("column " + c.name() + ": no SQL type for " + c.type());
    };
  }

  /** A quoted identifier, the quote character doubled inside. */
  String identifier(String name) {
    String q = String.valueOf(identifierQuote);
    return q + name.replace(q, q + q) + q;
  }

  void bool(CharSink out, boolean value) throws IOException {
    if (this == SQLITE) {
      out.append(value ? '1' : '0');
    } else {
      out.append(value ? "TRUE" : "FALSE");
    }
  }

  /** Typed literals ({@code DATE '2024-01-31'}) everywhere but SQLite, which stores the text. */
  boolean typedTemporalLiterals() {
    return this != SQLITE;
  }

  /** Writes a quoted string literal; runs of ordinary characters are copied in one go. */
  void string(CharSink out, String s) throws IOException {
    out.append('\'');
    int from = 0;
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      String escape;
      if (c == '\'') {
        escape = "''";
      } else if (c == '\\' && this == MYSQL) {
        escape = "\\\\";
      } else if (c == '\0') {
        escape = this == MYSQL ? "\\0" : "\uFFFD";
      } else if (c == '\u001a' && this == MYSQL) {
        escape = "\\Z";
      } else {
        continue;
      }
      out.append(s, from, i).append(escape);
      from = i + 1;
    }
    out.append(s, from, n).append('\'');
  }

  /** A non-finite double; finite ones are plain numeric literals. */
  void nonFinite(CharSink out, double d) throws IOException {
    String word = Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity";
    switch (this) {
      case MYSQL -> out.append("NULL");
      case SQLITE -> out.append(Double.isNaN(d) ? "NULL" : d > 0 ? "9e999" : "-9e999");
      default -> out.append("CAST('").append(word).append("' AS DOUBLE PRECISION)");
    }
  }
}
