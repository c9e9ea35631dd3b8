package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ValueTextTest {

  private final ValueText text = new ValueText();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "0.1|0.1", "-2.5|-2.5", "3|3.0", "0|0.0", "-0|-0.0", "12345678.9|12345678.9", "1e7|10000000.0",
      "1e20|100000000000000000000.0", "1e21|1.0E21", "1e-7|0.0000001", "1.5e-8|1.5E-8",
      "-1.2345e-5|-0.000012345", "1e23|1.0E23", "1e300|1.0E300", "4.9e-324|4.9E-324",
      "123456789012345680000|123456789012345680000.0", "0.001|0.001", "5e-324|4.9E-324"})
  void doublesAreShortestAndPlainInTheUsualRange(double value, String expected) {
    assertThat(text.string(text.formatDouble(value))).isEqualTo(expected);
  }

  @Test
  void everyDoubleRoundTrips() {
    SplittableRandom random = new SplittableRandom(1);
    for (int i = 0; i < 200_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (!Double.isFinite(d)) {
        continue;
      }
      String s = text.string(text.formatDouble(d));
      assertThat(Double.parseDouble(s)).as(s).isEqualTo(d);
      // never longer than Java 19+'s shortest form
      assertThat(s.replace("-", "").replace(".", "").replaceFirst("E.*", "").replaceAll("^0+", "").replaceAll("0+$", "").length())
          .as(s).isLessThanOrEqualTo(17);
    }
  }

  @Test
  void temporalValuesAlwaysHaveSeconds() {
    assertThat(text.string(text.formatDate(LocalDate.of(7, 3, 9)))).isEqualTo("0007-03-09");
    assertThat(text.string(text.formatDate(LocalDate.of(12345, 1, 1)))).isEqualTo("+12345-01-01");
    assertThat(text.string(text.formatTime(LocalTime.of(1, 2)))).isEqualTo("01:02:00");
    assertThat(text.string(text.formatTime(LocalTime.of(1, 2, 3, 500_000_000)))).isEqualTo("01:02:03.500");
    assertThat(text.string(text.formatTime(LocalTime.of(1, 2, 3, 1_000)))).isEqualTo("01:02:03.000001");
    assertThat(text.string(text.formatTime(LocalTime.of(1, 2, 3, 7)))).isEqualTo("01:02:03.000000007");
    assertThat(text.string(text.formatDateTime(LocalDateTime.of(2024, 2, 29, 23, 59), ' ')))
        .isEqualTo("2024-02-29 23:59:00");
  }

  @Test
  void epochDaysFormatLikeDatesThroughTheirCache() {
    // -1 and 0 (the days around the epoch), days that share a cache slot, and years past 9999
    long[] days = {-1, 0, 1, 4095, 4096, -4097, -4096, 8191, 20_000, 20_000 + 4096, -719_528,
        LocalDate.of(10_000, 1, 1).toEpochDay(), -1, 0, 4096, 0};
    for (long d : days) {
      String expected = text.string(text.formatDate(LocalDate.ofEpochDay(d)));
      assertThat(text.string(text.formatEpochDay(d))).as("epoch day %d", d).isEqualTo(expected);
    }
  }
}
