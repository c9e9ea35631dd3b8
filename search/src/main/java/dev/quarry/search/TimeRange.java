package dev.quarry.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The time a dataset or column covers; {@code resolution} is the finest unit its values vary in. */
public record TimeRange(Instant start, Instant end, String resolution) {

  public TimeRange {
    if (start == null || end == null) {
      throw new IllegalArgumentException("a time range needs a start and an end");
    }
  }

  /**
   * A search bound: an instant ({@code 2024-01-31T12:00:00Z}) or a date, taken as the start of the
   * day for a lower bound and its last millisecond for an upper one; null for blank text.
   *
   * @param name how the caller calls the bound, for the error message
   */
  public static Instant parseBound(String text, String name, boolean upper) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.strip());
    } catch (DateTimeParseException e) {
      try {
        LocalDate d = LocalDate.parse(text.strip());
        return upper ? d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
            : d.atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        throw new InvalidQueryException(name + " '" + text
            + "': expected a date (2024-01-31) or an instant (2024-01-31T12:00:00Z)");
      }
    }
  }
}
