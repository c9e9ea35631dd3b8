package dev.quarry.profile.stats;

import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Classifies text values (CSV cells, JSON strings) as booleans, integers, floats, dates or
 * date-times by their shape, with hand-written scanners: a 1 GB CSV has hundreds of millions of
 * cells, and exception-driven {@code parseXxx} calls would dominate the profile.
 *
 * <p>Dates: ISO ({@code 2024-03-05}, {@code 2024/03/05}, with {@code T} or space and time, optional
 * fraction and zone), and day/month/year forms with {@code /}, {@code -} or {@code .} separators, read
 * both day-first and month-first when ambiguous (the column decides later). Missing: empty, or one of
 * a few null spellings ({@code null}, {@code NULL}, {@code NA}, {@code N/A}, {@code NaN}, {@code None}).
 */
final class ValueParser {

  private ValueParser() {}

  static void parse(String raw, ParsedValue out) {
    String s = raw.strip();
    int n = s.length();
    if (n == 0 || isNullToken(s)) {
      out.kind = ParsedValue.Kind.MISSING;
      return;
    }
    char c0 = s.charAt(0);
    if ((c0 >= '0' && c0 <= '9') || c0 == '-' || c0 == '+' || c0 == '.') {
      if (parseNumber(s, out)) {
        return;
      }
      if (c0 >= '0' && c0 <= '9' && parseDate(s, out)) {
        return;
      }
    } else if (n <= 5 && parseBoolean(s, out)) {
      return;
    }
    out.kind = ParsedValue.Kind.TEXT;
  }

  static boolean isNullToken(String s) {
    switch (s.length()) {
      case 2:
        return s.equals("NA");
      case 3:
        return s.equals("N/A") || s.equals("NaN") || s.equals("nan") || s.equals("n/a");
      case 4:
        return s.equals("null") || s.equals("NULL") || s.equals("None") || s.equals("none");
      default:
        return false;
    }
  }

  private static boolean parseBoolean(String s, ParsedValue out) {
    Boolean b = booleanToken(s);
    if (b == null) {
      return false;
    }
    out.kind = ParsedValue.Kind.BOOLEAN;
    out.booleanValue = b;
    return true;
  }

  /** true/false, yes/no, t/f, y/n in any case; 0/1 stay integers. */
  static Boolean booleanToken(String s) {
    switch (s.length()) {
      case 1: {
        char c = Character.toLowerCase(s.charAt(0));
        return c == 't' || c == 'y' ? Boolean.TRUE : c == 'f' || c == 'n' ? Boolean.FALSE : null;
      }
      case 2:
        return s.equalsIgnoreCase("no") ? Boolean.FALSE : null;
      case 3:
        return s.equalsIgnoreCase("yes") ? Boolean.TRUE : null;
      case 4:
        return s.equalsIgnoreCase("true") ? Boolean.TRUE : null;
      case 5:
        return s.equalsIgnoreCase("false") ? Boolean.FALSE : null;
      default:
        return null;
    }
  }

  /** Integers (fitting a long) and decimal/scientific floats; no hex, no "Infinity", no grouping. */
  private static boolean parseNumber(String s, ParsedValue out) {
    int n = s.length();
    int i = 0;
    if (s.charAt(0) == '-' || s.charAt(0) == '+') {
      i = 1;
      if (n == 1) {
        return false;
      }
    }
    int intDigits = 0;
    long value = 0;
    boolean overflow = false;
    while (i < n) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        break;
      }
      if (value > (Long.MAX_VALUE - 9) / 10) {
        overflow = true;
      }
      value = value * 10 + (c - '0');
      intDigits++;
      i++;
    }
    if (i == n) {
      if (!overflow && intDigits <= 18) {
        out.kind = ParsedValue.Kind.INTEGER;
        out.longValue = s.charAt(0) == '-' ? -value : value;
        out.doubleValue = out.longValue;
        return true;
      }
      // Too long for a long: keep it as a float so its magnitude still counts.
      return finishFloat(s, out);
    }
    int fracDigits = 0;
    if (s.charAt(i) == '.') {
      i++;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        fracDigits++;
      }
    }
    if (intDigits + fracDigits == 0) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      i++;
      if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        i++;
      }
      int expDigits = 0;
      while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
        i++;
        expDigits++;
      }
      if (expDigits == 0) {
        return false;
      }
    }
    return i == n && finishFloat(s, out);
  }

  private static boolean finishFloat(String s, ParsedValue out) {
    double d = Double.parseDouble(s); // the shape was checked: cannot throw
    if (Double.isInfinite(d)) {
      return false;
    }
    out.kind = ParsedValue.Kind.FLOAT;
    out.doubleValue = d;
    return true;
  }

  private static boolean parseDate(String s, ParsedValue out) {
    int n = s.length();
    if (n < 8 || n > 35) {
      return false;
    }
    // ISO-like: yyyy-MM-dd or yyyy/MM/dd
    if (n >= 10 && digits(s, 0, 4) && (s.charAt(4) == '-' || s.charAt(4) == '/')
        && s.charAt(7) == s.charAt(4) && digits(s, 5, 2) && digits(s, 8, 2)) {
      int y = num(s, 0, 4);
      int m = num(s, 5, 2);
      int d = num(s, 8, 2);
      if (!validDate(y, m, d)) {
        return false;
      }
      out.dayFirstPossible = false;
      out.monthFirstPossible = false;
      return finishDateTime(s, 10, y, m, d, out);
    }
    // d/m/y or m/d/y with '/', '-' or '.' and a 4-digit year
    int p1 = indexOfSep(s, 0);
    if (p1 < 1 || p1 > 2) {
      return false;
    }
    char sep = s.charAt(p1);
    int p2 = s.indexOf(sep, p1 + 1);
    if (p2 < p1 + 2 || p2 > p1 + 3 || n < p2 + 5 || !digits(s, p2 + 1, 4)
        || !digits(s, 0, p1) || !digits(s, p1 + 1, p2 - p1 - 1)) {
      return false;
    }
    int a = num(s, 0, p1);
    int b = num(s, p1 + 1, p2 - p1 - 1);
    int y = num(s, p2 + 1, 4);
    boolean dayFirst = validDate(y, b, a);
    boolean monthFirst = validDate(y, a, b);
    if (!dayFirst && !monthFirst) {
      return false;
    }
    out.dayFirstPossible = dayFirst;
    out.monthFirstPossible = monthFirst;
    int timeStart = p2 + 5;
    if (monthFirst && dayFirst) {
      if (!finishDateTime(s, timeStart, y, a, b, out)) {
        return false;
      }
      long alt = out.epochSecond;
      boolean ok = finishDateTime(s, timeStart, y, b, a, out);
      out.altEpochSecond = alt;
      return ok;
    }
    boolean ok = dayFirst
        ? finishDateTime(s, timeStart, y, b, a, out)
        : finishDateTime(s, timeStart, y, a, b, out);
    out.altEpochSecond = out.epochSecond;
    return ok;
  }

  /** Parses an optional time part after the date at {@code i}: [T| ]HH:mm[:ss[.fff]][Z|±hh[:]mm]. */
  private static boolean finishDateTime(String s, int i, int y, int m, int d, ParsedValue out) {
    int n = s.length();
    long day = LocalDate.of(y, m, d).toEpochDay();
    if (i == n) {
      out.kind = ParsedValue.Kind.DATE;
      out.epochSecond = day * 86_400L;
      out.resolution = TemporalResolution.of(m, d, 0, 0, 0);
      return true;
    }
    char t = s.charAt(i);
    if ((t != 'T' && t != ' ') || n < i + 6 || !digits(s, i + 1, 2) || s.charAt(i + 3) != ':'
        || !digits(s, i + 4, 2)) {
      return false;
    }
    int hh = num(s, i + 1, 2);
    int mm = num(s, i + 4, 2);
    int ss = 0;
    int j = i + 6;
    if (j < n && s.charAt(j) == ':') {
      if (!digits(s, j + 1, 2)) {
        return false;
      }
      ss = num(s, j + 1, 2);
      j += 3;
      if (j < n && (s.charAt(j) == '.' || s.charAt(j) == ',')) {
        j++;
        int start = j;
        while (j < n && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
          j++;
        }
        if (j == start) {
          return false;
        }
      }
    }
    if (hh > 23 || mm > 59 || ss > 60) {
      return false;
    }
    int offsetSeconds = 0;
    if (j < n) {
      char z = s.charAt(j);
      if (z == 'Z' && j == n - 1) {
        offsetSeconds = 0;
      } else if ((z == '+' || z == '-') && digits(s, j + 1, 2)) {
        int oh = num(s, j + 1, 2);
        int k = j + 3;
        if (k < n && s.charAt(k) == ':') {
          k++;
        }
        int om = 0;
        if (k < n) {
          if (!digits(s, k, 2) || k + 2 != n) {
            return false;
          }
          om = num(s, k, 2);
        }
        offsetSeconds = (z == '-' ? -1 : 1) * (oh * 3600 + om * 60);
      } else {
        return false;
      }
    }
    out.kind = ParsedValue.Kind.DATETIME;
    out.epochSecond = day * 86_400L + hh * 3600L + mm * 60L + Math.min(ss, 59) - offsetSeconds;
    out.resolution = TemporalResolution.of(m, d, hh, mm, ss);
    return true;
  }

  private static int indexOfSep(String s, int from) {
    for (int i = from; i < Math.min(s.length(), from + 3); i++) {
      char c = s.charAt(i);
      if (c == '/' || c == '-' || c == '.') {
        return i;
      }
    }
    return -1;
  }

  static boolean validDate(int y, int m, int d) {
    if (y < 1 || m < 1 || m > 12 || d < 1) {
      return false;
    }
    return d <= LocalDate.of(y, m, 1).lengthOfMonth();
  }

  private static boolean digits(String s, int from, int count) {
    if (from + count > s.length() || count <= 0) {
      return false;
    }
    for (int i = from; i < from + count; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  private static int num(String s, int from, int count) {
    int v = 0;
    for (int i = from; i < from + count; i++) {
      v = v * 10 + (s.charAt(i) - '0');
    }
    return v;
  }

  /** Reads an integer in {@code yyyyMMdd} form as a date, or returns Long.MIN_VALUE. */
  static long yyyymmddToEpochSecond(long v) {
    if (v < 10000101L || v > 99991231L) {
      return Long.MIN_VALUE;
    }
    int y = (int) (v / 10000);
    int m = (int) (v / 100 % 100);
    int d = (int) (v % 100);
    if (!validDate(y, m, d)) {
      return Long.MIN_VALUE;
    }
    return LocalDate.of(y, m, d).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
  }
}
