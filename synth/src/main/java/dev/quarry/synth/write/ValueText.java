package dev.quarry.synth.write;

import dev.quarry.core.formats.ValueType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import tools.jackson.core.io.NumberOutput;

/**
 * The text form of values shared by the text writers, formatted into a reusable char buffer so a
 * cell costs no allocation. One instance per writer (not thread-safe).
 *
 * <ul>
 *   <li>Doubles: the shortest decimal that parses back to the same double (Schubfach, the algorithm
 *       of {@code Double.toString} since Java 19, here through jackson-core so Java 17's longer,
 *       sometimes non-shortest output (1e23 as {@code 9.999999999999999E22}) never appears and every
 *       JVM writes the same bytes). Plain notation for 1e-7 ≤ |x| < 1e21, the range ECMAScript
 *       prints plainly, always with a fractional part ({@code 3.0}) so readers see a float;
 *       {@code 1.0E21} and {@code 1.0E-8} style outside it.
 *   <li>Dates {@code yyyy-MM-dd}; times {@code HH:mm:ss} plus {@code .SSS}, {@code .SSSSSS} or
 *       {@code .SSSSSSSSS} when the fraction is non-zero (as {@code LocalTime.toString} but seconds
 *       always present); date-times join the two with {@code T} (or a space for SQL).
 *   <li>Decimals: {@code setScale(scale, HALF_EVEN).toPlainString()} — never an exponent.
 * </ul>
 */
final class ValueText {

  private final byte[] bytes = new byte[NumberOutput.MAX_DOUBLE_BYTES + 8];
  final char[] chars = new char[64];

  /** Writes {@code v} into {@link #chars}; returns the length. */
  int formatLong(long v) {
    return NumberOutput.outputLong(v, chars, 0);
  }

  /** Writes finite {@code v} into {@link #chars} as described above; returns the length. */
  int formatDouble(double v) {
    int end = NumberOutput.outputDouble(v, bytes, 0);
    int e = -1;
    for (int i = 0; i < end; i++) {
      if (bytes[i] == 'E') {
        e = i;
        break;
      }
    }
    if (e < 0) {
      for (int i = 0; i < end; i++) {
        chars[i] = (char) bytes[i];
      }
      return end;
    }
    int exp = 0;
    boolean negExp = bytes[e + 1] == '-';
    for (int i = negExp ? e + 2 : e + 1; i < end; i++) {
      exp = exp * 10 + (bytes[i] - '0');
    }
    if (negExp) {
      exp = -exp;
    }
    if (exp < -7 || exp >= 21) {
      for (int i = 0; i < end; i++) {
        chars[i] = (char) bytes[i];
      }
      return end;
    }
    // Mantissa is d.ddd (one digit before the point); gather its digits without trailing zeros.
    int n = 0;
    if (bytes[0] == '-') {
      chars[n++] = '-';
    }
    int digitsStart = 32; // park the digits at the far end of chars, then lay them out at the front
    int nd = 0;
    for (int i = bytes[0] == '-' ? 1 : 0; i < e; i++) {
      if (bytes[i] != '.') {
        chars[digitsStart + nd++] = (char) bytes[i];
      }
    }
    while (nd > 1 && chars[digitsStart + nd - 1] == '0') {
      nd--;
    }
    int point = exp + 1; // digits before the decimal point
    if (point <= 0) {
      chars[n++] = '0';
      chars[n++] = '.';
      for (int i = 0; i < -point; i++) {
        chars[n++] = '0';
      }
      for (int i = 0; i < nd; i++) {
        chars[n++] = chars[digitsStart + i];
      }
    } else if (point >= nd) {
      for (int i = 0; i < nd; i++) {
        chars[n++] = chars[digitsStart + i];
      }
      for (int i = nd; i < point; i++) {
        chars[n++] = '0';
      }
      chars[n++] = '.';
      chars[n++] = '0';
    } else {
      for (int i = 0; i < point; i++) {
        chars[n++] = chars[digitsStart + i];
      }
      chars[n++] = '.';
      for (int i = point; i < nd; i++) {
        chars[n++] = chars[digitsStart + i];
      }
    }
    return n;
  }

  int formatDate(LocalDate d) {
    return date(d, 0);
  }

  int formatTime(LocalTime t) {
    return time(t, 0);
  }

  int formatDateTime(LocalDateTime dt, char separator) {
    int n = date(dt.toLocalDate(), 0);
    chars[n++] = separator;
    return time(dt.toLocalTime(), n);
  }

  String formatDecimal(BigDecimal v, int scale) {
    return v.setScale(scale, RoundingMode.HALF_EVEN).toPlainString();
  }

  /**
   * Writes the decimal {@code unscaled × 10^-scale} into {@link #chars} as {@link
   * #formatDecimal(BigDecimal, int)} would (plain, exactly {@code scale} fraction digits); returns the
   * length.
   */
  int formatDecimal(long unscaled, int scale) {
    if (scale == 0) {
      return formatLong(unscaled);
    }
    if (scale > 18 || unscaled == Long.MIN_VALUE) {
      String s = BigDecimal.valueOf(unscaled, scale).toPlainString();
      s.getChars(0, s.length(), chars, 0);
      return s.length();
    }
    int n = 0;
    long v = unscaled;
    if (v < 0) {
      chars[n++] = '-';
      v = -v;
    }
    // The digits of v, left-padded with zeros to at least scale + 1 so there is an integer digit.
    int len = NumberOutput.outputLong(v, chars, n) - n;
    int width = Math.max(len, scale + 1);
    int pad = width - len;
    if (pad > 0) {
      System.arraycopy(chars, n, chars, n + pad, len);
      java.util.Arrays.fill(chars, n, n + pad, '0');
    }
    int point = n + width - scale;
    System.arraycopy(chars, point, chars, point + 1, scale);
    chars[point] = '.';
    return n + width + 1;
  }

  /**
   * {@link #formatDate(LocalDate)} of an epoch day, through a small direct-mapped cache of
   * {@code yyyy-MM-dd} texts: generated dates mostly fall in a range of a few thousand days, and
   * copying ten chars costs less than the calendar arithmetic and the digits.
   */
  int formatEpochDay(long epochDay) {
    if (dateKeys == null) {
      dateKeys = new long[DATE_SLOTS];
      java.util.Arrays.fill(dateKeys, Long.MIN_VALUE);
      dateTexts = new char[DATE_SLOTS * 10];
    }
    int slot = (int) (epochDay & (DATE_SLOTS - 1));
    int at = slot * 10;
    if (dateKeys[slot] == epochDay) {
      System.arraycopy(dateTexts, at, chars, 0, 10);
      return 10;
    }
    int n = formatDate(LocalDate.ofEpochDay(epochDay));
    if (n == 10) {
      System.arraycopy(chars, 0, dateTexts, at, 10);
      dateKeys[slot] = epochDay;
    }
    return n;
  }

  private static final int DATE_SLOTS = 4096;
  /** The epoch day of each slot's text; Long.MIN_VALUE (no LocalDate has it) when empty. Made on first use. */
  private long[] dateKeys;
  private char[] dateTexts;

  /** {@link #formatTime(LocalTime)} of a nano of day. */
  int formatNanoOfDay(long nanoOfDay) {
    return formatTime(LocalTime.ofNanoOfDay(nanoOfDay));
  }

  /** {@link #formatDateTime(LocalDateTime, char)} of a UTC epoch second. */
  int formatEpochSecond(long epochSecond, char separator) {
    return formatDateTime(LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC), separator);
  }

  String string(int length) {
    return new String(chars, 0, length);
  }

  private int date(LocalDate d, int n) {
    int year = d.getYear();
    if (year < 0 || year > 9999) {
      // ISO-8601 expanded years (+10000-01-01); rare enough to allocate
      String s = d.toString();
      s.getChars(0, s.length(), chars, n);
      return n + s.length();
    }
    n = digits(year, 4, n);
    chars[n++] = '-';
    n = digits(d.getMonthValue(), 2, n);
    chars[n++] = '-';
    return digits(d.getDayOfMonth(), 2, n);
  }

  private int time(LocalTime t, int n) {
    n = digits(t.getHour(), 2, n);
    chars[n++] = ':';
    n = digits(t.getMinute(), 2, n);
    chars[n++] = ':';
    n = digits(t.getSecond(), 2, n);
    int nano = t.getNano();
    if (nano != 0) {
      chars[n++] = '.';
      if (nano % 1_000_000 == 0) {
        n = digits(nano / 1_000_000, 3, n);
      } else if (nano % 1_000 == 0) {
        n = digits(nano / 1_000, 6, n);
      } else {
        n = digits(nano, 9, n);
      }
    }
    return n;
  }

  private int digits(int v, int width, int n) {
    for (int i = n + width - 1; i >= n; i--) {
      chars[i] = (char) ('0' + v % 10);
      v /= 10;
    }
    return n + width;
  }

  // --- shared checks ---

  /** Rejects schemas the writers cannot represent, before any byte is written. */
  static void checkSchema(OutputSchema schema) {
    if (schema.columns().isEmpty()) {
      throw new IllegalArgumentException("table " + schema.table() + " has no columns");
    }
    for (OutputColumn c : schema.columns()) {
      if (c.type() == ValueType.BYTES || c.type() == ValueType.NESTED) {
        throw new IllegalArgumentException(
            "column " + c.name() + ": type " + c.type() + " is not supported by synth writers");
      }
    }
  }

  /**
   * Checks a whole row before any of it is written, so a rejected row leaves no partial output and
   * the writer stays usable: the width, nulls in non-nullable columns, each value's class, and that
   * a decimal's integer digits fit {@code precision - scale}.
   */
  static void checkRow(OutputColumn[] columns, Object[] row) {
    if (row.length != columns.length) {
      throw new IllegalArgumentException(
          "row has " + row.length + " values but the table has " + columns.length + " columns");
    }
    for (int i = 0; i < columns.length; i++) {
      checkValue(columns[i], row[i]);
    }
  }

  /**
   * {@link #checkRow}'s checks for a whole block before any of it is written: nulls in
   * non-nullable columns, and the boxed values of {@link ColumnVector.Form#OBJECT} columns (an
   * expression may return anything). Typed columns hold their column's type by construction.
   */
  static void checkBlock(OutputColumn[] columns, RowBlock block) {
    if (block.width() != columns.length) {
      throw new IllegalArgumentException(
          "block has " + block.width() + " columns but the table has " + columns.length);
    }
    for (int i = 0; i < columns.length; i++) {
      OutputColumn c = columns[i];
      ColumnVector v = block.column(i);
      boolean boxed = v.form() == ColumnVector.Form.OBJECT;
      if (c.nullable() && !boxed) {
        continue;
      }
      for (int k = 0, n = block.size(); k < n; k++) {
        if (v.isNull(k)) {
          checkValue(c, null);
        } else if (boxed) {
          checkValue(c, v.getObject(k));
        }
      }
    }
  }

  private static void checkValue(OutputColumn c, Object v) {
    if (v == null) {
      if (!c.nullable()) {
        throw nullInRequired(c);
      }
      return;
    }
    boolean ok = switch (c.type()) {
      case STRING -> v instanceof String;
      case INTEGER, FLOAT -> v instanceof Number;
      case DECIMAL -> v instanceof BigDecimal d && d.precision() - d.scale() <= c.precision() - c.scale();
      case BOOLEAN -> v instanceof Boolean;
      case DATE -> v instanceof LocalDate;
      case TIME -> v instanceof LocalTime;
      case DATETIME -> v instanceof LocalDateTime;
      default -> false;
    };
    if (!ok) {
      throw new IllegalArgumentException("column " + c.name() + " (" + c.type()
          + (c.type() == ValueType.DECIMAL ? "(" + c.precision() + "," + c.scale() + ")" : "")
          + "): cannot write " + v.getClass().getSimpleName() + " " + v);
    }
  }

  static IllegalArgumentException nullInRequired(OutputColumn c) {
    return new IllegalArgumentException("column " + c.name() + " is not nullable but the value is null");
  }
}
