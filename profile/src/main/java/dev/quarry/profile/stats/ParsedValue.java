package dev.quarry.profile.stats;

/**
 * What a text value looks like, decided without exceptions on the hot path. One instance is reused
 * per column: {@link ValueParser#parse} overwrites it.
 */
final class ParsedValue {

  enum Kind {
    MISSING,
    BOOLEAN,
    INTEGER,
    FLOAT,
    DATE,
    DATETIME,
    TEXT
  }

  Kind kind;
  long longValue;
  double doubleValue;
  boolean booleanValue;
  /** Seconds since the epoch (UTC for zoned values, the local wall clock otherwise). */
  long epochSecond;
  /** Finest non-zero component of a date/time, see {@link TemporalResolution}. */
  TemporalResolution resolution;
  /** For d/m/y forms: whether the value can be read day-first and month-first. */
  boolean dayFirstPossible;
  boolean monthFirstPossible;
  /** Epoch second of the alternative (month-first) reading when both readings are possible. */
  long altEpochSecond;
}
