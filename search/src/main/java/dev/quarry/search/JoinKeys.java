package dev.quarry.search;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import org.apache.datasketches.hash.MurmurHash3;

/**
 * How values are compared when tables are joined: the same normal form is used to sketch columns
 * for join discovery and to match rows in augmentation, so what discovery promises the join keeps.
 * Text is trimmed and case-folded; integral numbers, whether read as numbers (Parquet) or as text
 * (CSV: {@code "42"}, {@code "42.0"}), become the same key.
 */
public final class JoinKeys {

  private static final long SEED = 9001L;
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[.SSSSSSSSS]");

  private JoinKeys() {}

  /** The join key of a value, or null for a missing value. */
  public static String normalize(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
      return number(((Number) value).doubleValue(), value.toString());
    }
    if (value instanceof LocalDateTime t) {
      return DATE_TIME.format(t);
    }
    if (value instanceof TemporalAccessor) {
      return value.toString();
    }
    String s = value.toString().trim();
    if (s.isEmpty()) {
      return null;
    }
    if (s.length() >= 16 && s.length() <= 29 && s.charAt(4) == '-' && s.charAt(7) == '-'
        && (s.charAt(10) == ' ' || s.charAt(10) == 'T')) {
      // "2019-01-01 10:00:00" (CSV) and a timestamp read as 2019-01-01T10:00 (Parquet) are one key.
      try {
        return DATE_TIME.format(LocalDateTime.parse(s.replace(' ', 'T')));
      } catch (DateTimeParseException notLocal) {
        // with a zone or offset, or not a date-time: compared as text
      }
    }
    if (looksIntegral(s)) {
      String digits = s.indexOf('.') >= 0 ? s.substring(0, s.indexOf('.')) : s;
      try {
        return new BigInteger(digits).toString();
      } catch (NumberFormatException e) {
        // not a number after all
      }
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** The 63-bit hash of a normalised key (non-negative, so hashes sort as plain longs). */
  public static long hash(String key) {
    return MurmurHash3.hash(key.getBytes(StandardCharsets.UTF_8), SEED)[0] >>> 1;
  }

  private static String number(double d, String text) {
    if (Double.isFinite(d) && d == Math.rint(d) && Math.abs(d) < 1e18) {
      return Long.toString((long) d);
    }
    return text.toLowerCase(Locale.ROOT);
  }

  /** {@code -12}, {@code 12}, {@code 12.0}: but not {@code 007} (a code, not a number). */
  private static boolean looksIntegral(String s) {
    int i = s.startsWith("-") ? 1 : 0;
    if (i >= s.length() || !Character.isDigit(s.charAt(i))) {
      return false;
    }
    if (s.charAt(i) == '0' && s.length() > i + 1 && s.charAt(i + 1) != '.') {
      return false;
    }
    int dot = -1;
    for (int j = i; j < s.length(); j++) {
      char c = s.charAt(j);
      if (c == '.') {
        if (dot >= 0) {
          return false;
        }
        dot = j;
      } else if (dot >= 0 ? c != '0' : !Character.isDigit(c)) {
        return false;
      }
    }
    return dot < 0 || dot < s.length() - 1;
  }
}
