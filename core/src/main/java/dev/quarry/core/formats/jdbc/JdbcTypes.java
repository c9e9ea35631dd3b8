package dev.quarry.core.formats.jdbc;

import dev.quarry.core.formats.ValueType;
import java.sql.Types;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a column's JDBC type to the {@link ValueType} its values are read as.
 *
 * <p>The database's type name is consulted first, because the JDBC code alone misleads: SQLite
 * reports {@code DATE} and {@code TIMESTAMP} columns as VARCHAR and {@code BOOLEAN} as INTEGER (its
 * types are declarations, not storage), PostgreSQL reports {@code bool} as BIT and {@code
 * timestamptz} as plain TIMESTAMP, DuckDB's {@code HUGEINT} and {@code UBIGINT} do not fit a Long.
 */
public final class JdbcTypes {

  /** Type names (upper case, without length or precision) whose meaning is unambiguous. */
  private static final Map<String, ValueType> BY_NAME =
      Map.ofEntries(
          Map.entry("BOOLEAN", ValueType.BOOLEAN),
          Map.entry("BOOL", ValueType.BOOLEAN),
          Map.entry("DATE", ValueType.DATE),
          Map.entry("TIME", ValueType.TIME),
          Map.entry("TIME WITHOUT TIME ZONE", ValueType.TIME),
          // An offset without a date cannot become an Instant; keep its text.
          Map.entry("TIMETZ", ValueType.STRING),
          Map.entry("TIME WITH TIME ZONE", ValueType.STRING),
          Map.entry("DATETIME", ValueType.DATETIME),
          Map.entry("DATETIME2", ValueType.DATETIME),
          Map.entry("SMALLDATETIME", ValueType.DATETIME),
          Map.entry("TIMESTAMP", ValueType.DATETIME),
          Map.entry("TIMESTAMP WITHOUT TIME ZONE", ValueType.DATETIME),
          Map.entry("TIMESTAMPTZ", ValueType.DATETIME),
          Map.entry("TIMESTAMP WITH TIME ZONE", ValueType.DATETIME),
          Map.entry("DATETIMEOFFSET", ValueType.DATETIME),
          Map.entry("DECIMAL", ValueType.DECIMAL),
          Map.entry("NUMERIC", ValueType.DECIMAL),
          Map.entry("HUGEINT", ValueType.DECIMAL),
          Map.entry("UHUGEINT", ValueType.DECIMAL),
          Map.entry("UBIGINT", ValueType.DECIMAL),
          Map.entry("BIGINT UNSIGNED", ValueType.DECIMAL),
          Map.entry("JSON", ValueType.NESTED),
          Map.entry("JSONB", ValueType.NESTED),
          Map.entry("UUID", ValueType.STRING));

  private JdbcTypes() {}

  public static ValueType valueTypeOf(int jdbcType, String typeName) {
    ValueType named = BY_NAME.get(normalize(typeName));
    if (named != null) {
      return named;
    }
    return switch (jdbcType) {
      case Types.BIT, Types.BOOLEAN -> ValueType.BOOLEAN;
      case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT -> ValueType.INTEGER;
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> ValueType.FLOAT;
      case Types.NUMERIC, Types.DECIMAL -> ValueType.DECIMAL;
      case Types.DATE -> ValueType.DATE;
      case Types.TIME -> ValueType.TIME;
      case Types.TIMESTAMP, Types.TIMESTAMP_WITH_TIMEZONE -> ValueType.DATETIME;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> ValueType.BYTES;
      case Types.ARRAY, Types.STRUCT -> ValueType.NESTED;
      // CHAR, VARCHAR, CLOB, NCHAR, SQLXML, ROWID, TIME_WITH_TIMEZONE, OTHER (uuid, interval,
      // enums, geometry...): their text is the honest rendering.
      default -> ValueType.STRING;
    };
  }

  /**
   * Whether a DATETIME column holds instants (read as {@link java.time.Instant}) rather than wall
   * clock times (read as {@link java.time.LocalDateTime}).
   */
  public static boolean isZoned(int jdbcType, String typeName) {
    if (jdbcType == Types.TIMESTAMP_WITH_TIMEZONE) {
      return true;
    }
    String name = normalize(typeName);
    return name.equals("TIMESTAMPTZ")
        || name.equals("TIMESTAMP WITH TIME ZONE")
        || name.equals("DATETIMEOFFSET");
  }

  /** {@code "decimal(10, 2)"} → {@code "DECIMAL"}; {@code "timestamp(3) with time zone"} too. */
  static String normalize(String typeName) {
    if (typeName == null) {
      return "";
    }
    return typeName
        .replaceAll("\\([^)]*\\)", "")
        .replaceAll("\\s+", " ")
        .trim()
        .toUpperCase(Locale.ROOT);
  }
}
