package dev.quarry.profile.stats;

/** The finest unit that varies in a set of date/time values, from year down to second. */
public enum TemporalResolution {
  YEAR,
  MONTH,
  DAY,
  HOUR,
  MINUTE,
  SECOND;

  public static TemporalResolution finer(TemporalResolution a, TemporalResolution b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.ordinal() >= b.ordinal() ? a : b;
  }

  /** The finest unit in which a timestamp differs from the start of its year. */
  static TemporalResolution of(int month, int day, int hour, int minute, int second) {
    if (second != 0) {
      return SECOND;
    }
    if (minute != 0) {
      return MINUTE;
    }
    if (hour != 0) {
      return HOUR;
    }
    if (day != 1) {
      return DAY;
    }
    if (month != 1) {
      return MONTH;
    }
    return YEAR;
  }
}
