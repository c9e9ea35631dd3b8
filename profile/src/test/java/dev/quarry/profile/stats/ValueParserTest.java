package dev.quarry.profile.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueParserTest {

  private static ParsedValue parse(String s) {
    ParsedValue p = new ParsedValue();
    ValueParser.parse(s, p);
    return p;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "42|INTEGER", "-7|INTEGER", "+3|INTEGER", "3.14|FLOAT", "-0.5|FLOAT", ".5|FLOAT", "1e6|FLOAT",
      "2.5E-3|FLOAT", "12345678901234567890|FLOAT", "true|BOOLEAN", "No|BOOLEAN", "t|BOOLEAN",
      "F|BOOLEAN", "yes|BOOLEAN", "2024-03-05|DATE", "2024/03/05|DATE", "05/03/2024|DATE",
      "31.12.2023|DATE", "2024-03-05T10:15:30|DATETIME", "2024-03-05 10:15|DATETIME",
      "2024-03-05T10:15:30.123Z|DATETIME", "2024-03-05T10:15:30+02:00|DATETIME", "?|TEXT",
      "abc|TEXT", "1.2.3|TEXT", "0x1F|TEXT", "Infinity|TEXT", "2024-13-01|TEXT", "2023-02-29|TEXT",
      "'  '|MISSING", "NA|MISSING", "null|MISSING", "N/A|MISSING", "B5|TEXT", "-|TEXT", "1,5|TEXT"})
  void classifies(String value, ParsedValue.Kind kind) {
    assertThat(parse(value).kind).as(value).isEqualTo(kind);
  }

  @Test
  void datesCarryEpochSecondsAndResolution() {
    ParsedValue p = parse("2024-03-05T10:15:30+02:00");
    assertThat(p.epochSecond)
        .isEqualTo(LocalDateTime.of(2024, 3, 5, 8, 15, 30).toEpochSecond(ZoneOffset.UTC));
    assertThat(p.resolution).isEqualTo(TemporalResolution.SECOND);
    assertThat(parse("2024-03-01").resolution).isEqualTo(TemporalResolution.MONTH);
    assertThat(parse("2024-01-01").resolution).isEqualTo(TemporalResolution.YEAR);
    assertThat(parse("2024-01-01 10:00").resolution).isEqualTo(TemporalResolution.HOUR);
  }

  @Test
  void ambiguousSlashDatesKeepBothReadings() {
    ParsedValue p = parse("03/04/2024");
    assertThat(p.dayFirstPossible).isTrue();
    assertThat(p.monthFirstPossible).isTrue();
    assertThat(p.epochSecond).isEqualTo(LocalDate.of(2024, 4, 3).toEpochDay() * 86_400);
    assertThat(p.altEpochSecond).isEqualTo(LocalDate.of(2024, 3, 4).toEpochDay() * 86_400);
    ParsedValue dayFirst = parse("25/12/2024");
    assertThat(dayFirst.dayFirstPossible).isTrue();
    assertThat(dayFirst.monthFirstPossible).isFalse();
    ParsedValue monthFirst = parse("12/25/2024");
    assertThat(monthFirst.monthFirstPossible).isTrue();
    assertThat(monthFirst.dayFirstPossible).isFalse();
  }

  @Test
  void integersAreExact() {
    ParsedValue p = parse("-9007199254740993");
    assertThat(p.kind).isEqualTo(ParsedValue.Kind.INTEGER);
    assertThat(p.longValue).isEqualTo(-9007199254740993L);
  }

  @Test
  void yyyymmddIntegers() {
    assertThat(ValueParser.yyyymmddToEpochSecond(20240229))
        .isEqualTo(LocalDate.of(2024, 2, 29).toEpochDay() * 86_400);
    assertThat(ValueParser.yyyymmddToEpochSecond(20230229)).isEqualTo(Long.MIN_VALUE);
    assertThat(ValueParser.yyyymmddToEpochSecond(123)).isEqualTo(Long.MIN_VALUE);
  }
}
