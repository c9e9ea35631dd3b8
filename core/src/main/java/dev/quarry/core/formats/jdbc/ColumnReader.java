package dev.quarry.core.formats.jdbc;

import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.formats.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Struct;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads one column of a result set as the Java class its {@link ValueType} promises.
 *
 * <p>Dates and times are asked of the driver as {@code java.time} values first (JDBC 4.2): going
 * through {@link java.sql.Timestamp} would shift wall-clock times that do not exist in the JVM's
 * zone (the hour skipped at a DST change). Drivers that cannot do it (SQLite keeps dates as text)
 * answer with raw values that are converted here. A value that cannot be read as the column's type
 * (SQLite lets any column hold anything) is an {@link UnreadableInputException} naming the table
 * and column, not a silently wrong value.
 */
final class ColumnReader {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** ISO date-times with a space or a T, optional seconds and fraction, optional offset. */
  private static final DateTimeFormatter LENIENT_DATE_TIME =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .append(DateTimeFormatter.ISO_LOCAL_TIME)
          .optionalStart()
          .appendOffset("+HH:mm", "Z")
          .optionalEnd()
          .optionalStart()
          .appendOffset("+HH", "Z")
          .optionalEnd()
          .toFormatter(Locale.ROOT);

  private final String table;
  private final String column;
  private final int index;
  private final ValueType type;
  private final boolean zoned;
  /** Set once the driver said it cannot return java.time values for this column. */
  private boolean driverLacksJavaTime;

  ColumnReader(String table, DbColumn column, int index) {
    this.table = table;
    this.column = column.name();
    this.index = index;
    this.type = column.valueType();
    this.zoned =
        column.valueType() == ValueType.DATETIME
            && JdbcTypes.isZoned(column.jdbcType(), column.typeName());
  }

  Object read(ResultSet rs) throws SQLException, UnreadableInputException {
    return switch (type) {
      case STRING -> string(rs);
      case INTEGER -> convert(rs.getObject(index), this::toLong);
      case FLOAT -> convert(rs.getObject(index), this::toDouble);
      case DECIMAL -> convert(rs.getObject(index), this::toDecimal);
      case BOOLEAN -> convert(rs.getObject(index), this::toBoolean);
      case DATE -> temporal(rs, LocalDate.class, this::toLocalDate);
      case TIME -> temporal(rs, LocalTime.class, this::toLocalTime);
      case DATETIME ->
          zoned
              ? instant(rs)
              : temporal(rs, LocalDateTime.class, this::toLocalDateTime);
      case BYTES -> rs.getBytes(index);
      case NESTED -> convert(rs.getObject(index), this::toJson);
    };
  }

  private String string(ResultSet rs) throws SQLException {
    // getString reads CLOBs, uuids, intervals and enums alike, and numbers in SQLite's untyped
    // view columns.
    return rs.getString(index);
  }

  private <T> Object temporal(ResultSet rs, Class<T> javaTime, Converter fallback)
      throws SQLException, UnreadableInputException {
    if (!driverLacksJavaTime) {
      try {
        return rs.getObject(index, javaTime);
      } catch (SQLFeatureNotSupportedException e) {
        driverLacksJavaTime = true;
      } catch (SQLException e) {
        // This value, not the driver: e.g. SQLite text the driver's parser rejects. Our
        // conversion is more lenient or reports the value properly.
      }
    }
    return convert(rs.getObject(index), fallback);
  }

  private Object instant(ResultSet rs) throws SQLException, UnreadableInputException {
    if (!driverLacksJavaTime) {
      try {
        OffsetDateTime value = rs.getObject(index, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
      } catch (SQLFeatureNotSupportedException e) {
        driverLacksJavaTime = true;
      } catch (SQLException e) {
        // as in temporal()
      }
    }
    return convert(rs.getObject(index), this::toInstant);
  }

  @FunctionalInterface
  private interface Converter {
    Object convert(Object raw) throws SQLException;
  }

  private Object convert(Object raw, Converter converter)
      throws SQLException, UnreadableInputException {
    if (raw == null) {
      return null;
    }
    try {
      Object value = converter.convert(raw);
      if (value != null) {
        return value;
      }
    } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
      // reported below
    }
    throw new UnreadableInputException(
        "Table "
            + table
            + ", column "
            + column
            + ": "
            + raw.getClass().getSimpleName()
            + " value '"
            + abbreviate(raw)
            + "' is not a "
            + type
            + (zoned ? " with time zone" : ""));
  }

  private static String abbreviate(Object raw) {
    String text = raw instanceof byte[] bytes ? bytes.length + " bytes" : String.valueOf(raw);
    return text.length() <= 40 ? text : text.substring(0, 37) + "...";
  }

  private Object toLong(Object raw) {
    if (raw instanceof BigDecimal d) {
      return d.longValueExact();
    }
    if (raw instanceof BigInteger i) {
      return i.longValueExact();
    }
    if (raw instanceof Double || raw instanceof Float) {
      double d = ((Number) raw).doubleValue();
      return BigDecimal.valueOf(d).longValueExact();
    }
    if (raw instanceof Number n) {
      return n.longValue();
    }
    if (raw instanceof Boolean b) {
      return b ? 1L : 0L;
    }
    if (raw instanceof String s) {
      return Long.parseLong(s.trim());
    }
    return null;
  }

  private Object toDouble(Object raw) {
    if (raw instanceof Number n) {
      return n.doubleValue();
    }
    if (raw instanceof String s) {
      return Double.parseDouble(s.trim());
    }
    return null;
  }

  private Object toDecimal(Object raw) {
    if (raw instanceof BigDecimal d) {
      return d;
    }
    if (raw instanceof BigInteger i) {
      return new BigDecimal(i);
    }
    if (raw instanceof Double || raw instanceof Float) {
      // valueOf: the shortest decimal that reads back as the double, 12.5 rather than 12.50000...
      return BigDecimal.valueOf(((Number) raw).doubleValue());
    }
    if (raw instanceof Number n) {
      return BigDecimal.valueOf(n.longValue());
    }
    if (raw instanceof String s) {
      return new BigDecimal(s.trim());
    }
    return null;
  }

  private Object toBoolean(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof Number n) {
      return n.doubleValue() != 0;
    }
    if (raw instanceof String s) {
      return switch (s.trim().toLowerCase(Locale.ROOT)) {
        case "true", "t", "1", "yes", "y" -> Boolean.TRUE;
        case "false", "f", "0", "no", "n" -> Boolean.FALSE;
        default -> null;
      };
    }
    return null;
  }

  private Object toLocalDate(Object raw) {
    if (raw instanceof LocalDate d) {
      return d;
    }
    if (raw instanceof java.sql.Date d) {
      return d.toLocalDate();
    }
    if (raw instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime().toLocalDate();
    }
    if (raw instanceof LocalDateTime t) {
      return t.toLocalDate();
    }
    if (raw instanceof String s) {
      return LocalDate.from(parseDateTimeOrDate(s));
    }
    return null;
  }

  private Object toLocalTime(Object raw) {
    if (raw instanceof LocalTime t) {
      return t;
    }
    if (raw instanceof java.sql.Time t) {
      return t.toLocalTime();
    }
    if (raw instanceof String s) {
      return LocalTime.parse(s.trim());
    }
    return null;
  }

  private Object toLocalDateTime(Object raw) {
    if (raw instanceof LocalDateTime t) {
      return t;
    }
    if (raw instanceof java.sql.Timestamp t) {
      return t.toLocalDateTime();
    }
    if (raw instanceof LocalDate d) {
      return d.atStartOfDay();
    }
    if (raw instanceof OffsetDateTime t) {
      // Text with an offset in a column declared without one (SQLite): normalise to UTC.
      return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
    if (raw instanceof String s) {
      TemporalAccessor parsed = parseDateTimeOrDate(s);
      if (!parsed.isSupported(ChronoField.HOUR_OF_DAY)) {
        return LocalDate.from(parsed).atStartOfDay();
      }
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        return OffsetDateTime.from(parsed).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
      }
      return LocalDateTime.from(parsed);
    }
    return null;
  }

  private Object toInstant(Object raw) {
    if (raw instanceof Instant i) {
      return i;
    }
    if (raw instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (raw instanceof ZonedDateTime t) {
      return t.toInstant();
    }
    if (raw instanceof java.sql.Timestamp t) {
      // Drivers build these for the instant stored, rendered in the JVM zone: the instant is right.
      return t.toInstant();
    }
    if (raw instanceof String s) {
      TemporalAccessor parsed = parseDateTimeOrDate(s);
      if (parsed.isSupported(ChronoField.OFFSET_SECONDS)) {
        return OffsetDateTime.from(parsed).toInstant();
      }
      // No offset written: the column promises instants, so read it as UTC.
      return LocalDateTime.from(parsed).toInstant(ZoneOffset.UTC);
    }
    return null;
  }

  private static TemporalAccessor parseDateTimeOrDate(String text) {
    String trimmed = text.trim();
    if (trimmed.length() == 10) {
      return LocalDate.parse(trimmed);
    }
    return LENIENT_DATE_TIME.parse(trimmed);
  }

  private Object toJson(Object raw) throws SQLException {
    if (raw instanceof String s) {
      return s;
    }
    if (raw instanceof Array || raw instanceof Struct || raw instanceof Map || raw instanceof List) {
      return JSON.writeValueAsString(jsonValue(raw));
    }
    // PGobject (json, jsonb) and other driver wrappers render their JSON text.
    return raw.toString();
  }

  /** Converts driver values into what Jackson writes as plain JSON. */
  private static Object jsonValue(Object value) throws SQLException {
    if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
      return value;
    }
    if (value instanceof Array array) {
      Object elements = array.getArray();
      return jsonValue(elements);
    }
    if (value instanceof Object[] elements) {
      List<Object> list = new ArrayList<>(elements.length);
      for (Object element : elements) {
        list.add(jsonValue(element));
      }
      return list;
    }
    if (value instanceof List<?> elements) {
      List<Object> list = new ArrayList<>(elements.size());
      for (Object element : elements) {
        list.add(jsonValue(element));
      }
      return list;
    }
    if (value instanceof Struct struct) {
      return jsonValue(struct.getAttributes());
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> object = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        object.put(String.valueOf(e.getKey()), jsonValue(e.getValue()));
      }
      return object;
    }
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (value instanceof Clob clob) {
      return clob.getSubString(1, (int) Math.min(Integer.MAX_VALUE, clob.length()));
    }
    // Dates, uuids, driver objects: their text.
    return value.toString();
  }
}
