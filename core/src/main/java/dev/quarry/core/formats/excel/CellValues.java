package dev.quarry.core.formats.excel;

import dev.quarry.core.formats.ValueType;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.NumberToTextConverter;

/**
 * The value mapping shared by .xlsx and .xls, so both formats give the same values for the same cells.
 *
 * <ul>
 *   <li>A number whose format is a date or time format becomes a date: {@link LocalTime} when it has
 *       no day part (below 1), {@link LocalDate} when its time is midnight, else {@link
 *       LocalDateTime}.
 *   <li>Any other number becomes a {@link Long} when it is integral and shown without decimals
 *       (General, {@code 0}, {@code #,##0}) — what a reader of the sheet sees as a whole number —
 *       and a {@link Double} otherwise, even if integral: {@code 3.00} stays a decimal.
 *   <li>Text stays text, booleans stay booleans; empty text and error cells are null.
 * </ul>
 *
 * <p>A column's type is its cells' types widened: INTEGER with FLOAT is FLOAT, DATE with DATETIME is
 * DATETIME, any other mix is STRING; a column with no value at all is STRING.
 */
final class CellValues {

  /** Above this a double can no longer hold every integer, so it is not turned into a Long. */
  private static final double MAX_EXACT_INTEGER = 9_007_199_254_740_992d; // 2^53

  private CellValues() {}

  /** The value of a numeric cell, given its number format (index and pattern, null if none). */
  static Object number(double value, int formatIndex, String formatString, boolean date1904) {
    if (DateUtil.isADateFormat(formatIndex, formatString) && DateUtil.isValidExcelDate(value)) {
      if (value >= 0 && value < 1) {
        long millis = Math.round(value * 86_400_000d) % 86_400_000L; // 23:59:59.9996 rounds to 00:00
        return LocalTime.ofNanoOfDay(millis * 1_000_000L);
      }
      LocalDateTime dateTime = DateUtil.getLocalDateTime(value, date1904, true);
      return dateTime.toLocalTime().equals(LocalTime.MIDNIGHT) ? dateTime.toLocalDate() : dateTime;
    }
    if (value == Math.rint(value) && Math.abs(value) <= MAX_EXACT_INTEGER && isWholeNumberFormat(formatString)) {
      return (long) value;
    }
    return value;
  }

  /** General, or a pattern made only of digit placeholders and grouping: {@code 0}, {@code #,##0}. */
  private static boolean isWholeNumberFormat(String format) {
    return format == null
        || format.isEmpty()
        || format.equalsIgnoreCase("General")
        || format.chars().allMatch(c -> c == '0' || c == '#' || c == ',');
  }

  static ValueType typeOf(Object value) {
    if (value instanceof String) {
      return ValueType.STRING;
    }
    if (value instanceof Long) {
      return ValueType.INTEGER;
    }
    if (value instanceof Double) {
      return ValueType.FLOAT;
    }
    if (value instanceof Boolean) {
      return ValueType.BOOLEAN;
    }
    if (value instanceof LocalDate) {
      return ValueType.DATE;
    }
    if (value instanceof LocalDateTime) {
      return ValueType.DATETIME;
    }
    if (value instanceof LocalTime) {
      return ValueType.TIME;
    }
    throw new IllegalArgumentException("not a cell value: " + value.getClass());
  }

  /** The type of a column holding values of types {@code a} and {@code b}; null means no value yet. */
  static ValueType widen(ValueType a, ValueType b) {
    if (a == null || a == b) {
      return b;
    }
    if (b == null) {
      return a;
    }
    if (isEither(a, b, ValueType.INTEGER, ValueType.FLOAT)) {
      return ValueType.FLOAT;
    }
    if (isEither(a, b, ValueType.DATE, ValueType.DATETIME)) {
      return ValueType.DATETIME;
    }
    return ValueType.STRING;
  }

  private static boolean isEither(ValueType a, ValueType b, ValueType x, ValueType y) {
    return (a == x && b == y) || (a == y && b == x);
  }

  /** A cell value in the Java class of its column's (widened) type. */
  static Object coerce(Object value, ValueType columnType) {
    if (value == null) {
      return null;
    }
    switch (columnType) {
      case STRING:
        return text(value);
      case FLOAT:
        return value instanceof Long l ? (Object) l.doubleValue() : value;
      case DATETIME:
        return value instanceof LocalDate d ? d.atStartOfDay() : value;
      default:
        return value;
    }
  }

  /** A value as text: numbers as Excel's General format shows them, booleans as TRUE/FALSE. */
  static String text(Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Double d) {
      return NumberToTextConverter.toText(d);
    }
    if (value instanceof Boolean b) {
      return b ? "TRUE" : "FALSE";
    }
    return value.toString(); // Long; ISO-8601 for dates and times
  }
}
