package dev.quarry.profile.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ColumnStatsTest {

  @Test
  void mergedHalvesEqualOnePass() {
    Random r = new Random(7);
    ColumnStats whole = new ColumnStats();
    ColumnStats a = new ColumnStats();
    ColumnStats b = new ColumnStats();
    for (int i = 0; i < 200_000; i++) {
      String v = i % 97 == 0 ? "" : Double.toString(Math.round(r.nextGaussian() * 1000) / 10.0);
      whole.add(v, true);
      (i < 80_000 ? a : b).add(v, true);
    }
    ColumnStats merged = a.merge(b);
    assertThat(merged.rows()).isEqualTo(whole.rows());
    assertThat(merged.missing()).isEqualTo(whole.missing());
    assertThat(merged.mean).isCloseTo(whole.mean, within(1e-9));
    assertThat(merged.stddev()).isCloseTo(whole.stddev(), within(1e-9));
    assertThat(merged.min).isEqualTo(whole.min);
    assertThat(merged.max).isEqualTo(whole.max);
    // Sketches: same estimate up to their error bounds.
    assertThat((double) merged.distinct()).isCloseTo(whole.distinct(), within(whole.distinct() * 0.03));
    assertThat(merged.quantiles(0.5)[0]).isCloseTo(whole.quantiles(0.5)[0], within(5.0));
  }

  @Test
  void exactDistinctBelowTheLimitHllAbove() {
    ColumnStats small = new ColumnStats();
    for (int i = 0; i < 5000; i++) {
      small.add("v" + (i % 1234), true);
    }
    assertThat(small.distinctIsExact()).isTrue();
    assertThat(small.distinct()).isEqualTo(1234);

    ColumnStats big = new ColumnStats();
    for (int i = 0; i < 100_000; i++) {
      big.add("v" + i, true);
    }
    assertThat(big.distinctIsExact()).isFalse();
    assertThat((double) big.distinct()).isCloseTo(100_000, within(100_000 * 0.05));
  }

  @Test
  void topValuesAndSamples() {
    ColumnStats c = new ColumnStats();
    for (int i = 0; i < 1000; i++) {
      c.add(i % 10 < 6 ? "red" : i % 10 < 9 ? "green" : "blue", true);
    }
    assertThat(c.topValues(3)).extracting(ColumnStats.ValueCount::value)
        .containsExactly("red", "green", "blue");
    assertThat(c.topValues(1).get(0).count()).isEqualTo(600);
    assertThat(c.samples()).containsExactly("red", "green", "blue");
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    ColumnStats c = new ColumnStats();
    for (int i = 0; i < 50_000; i++) {
      c.add(Integer.toString(i % 20_000), true);
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(c);
    }
    ColumnStats back;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      back = (ColumnStats) in.readObject();
    }
    assertThat(back.distinct()).isEqualTo(c.distinct());
    assertThat(back.quantiles(0.5)).isEqualTo(c.quantiles(0.5));
    assertThat(back.topValues(5)).isEqualTo(c.topValues(5));
    back.add("1", true); // still usable after deserialisation
    assertThat(back.rows()).isEqualTo(c.rows() + 1);
  }

  @Test
  void typedValuesAreNotReparsed() {
    ColumnStats c = new ColumnStats();
    c.add("123", false);
    c.add("2024-01-01", false);
    assertThat(c.texts).isEqualTo(2);
    assertThat(c.integers).isZero();
    assertThat(c.temporalMin).isLessThan(Long.MAX_VALUE); // still evidence of dates
  }
}
