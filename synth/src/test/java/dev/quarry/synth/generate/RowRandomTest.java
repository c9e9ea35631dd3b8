package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** RowRandom's own bounded draws: in range, unbiased, and a pure function of the seed. */
class RowRandomTest {

  @Test
  void boundedLongsStayInRangeAndHitEveryValueEvenly() {
    RowRandom r = new RowRandom();
    r.reset(42);
    long[] counts = new long[7];
    int n = 700_000;
    for (int i = 0; i < n; i++) {
      long v = r.nextLong(-3, 4);
      assertThat(v).isBetween(-3L, 3L);
      counts[(int) (v + 3)]++;
    }
    for (long c : counts) {
      // expected 100,000 each; 1% is over 30 standard deviations of a fair draw
      assertThat(c).isBetween(99_000L, 101_000L);
    }
  }

  @Test
  void aRangeThatIsNotAPowerOfTwoIsNotBiased() {
    // 3 * 2^61 values: a plain modulo of a 64-bit draw would favour the lower third by 2:1 ... 1:1
    RowRandom r = new RowRandom();
    r.reset(7);
    long bound = 3L << 61;
    long third = bound / 3;
    long[] counts = new long[3];
    int n = 300_000;
    for (int i = 0; i < n; i++) {
      long v = r.nextLong(0, bound);
      assertThat(v).isBetween(0L, bound - 1);
      counts[(int) (v / third)]++;
    }
    for (long c : counts) {
      assertThat(c).isBetween(98_000L, 102_000L);
    }
  }

  @Test
  void rangesWiderThanLongMaxValueAndBadBounds() {
    RowRandom r = new RowRandom();
    r.reset(1);
    for (int i = 0; i < 10_000; i++) {
      long v = r.nextLong(Long.MIN_VALUE + 5, Long.MAX_VALUE - 5);
      assertThat(v).isBetween(Long.MIN_VALUE + 5, Long.MAX_VALUE - 6);
    }
    assertThatThrownBy(() -> r.nextLong(5, 5)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSameSeedGivesTheSameDraws() {
    RowRandom a = new RowRandom();
    RowRandom b = new RowRandom();
    a.reset(99);
    b.reset(99);
    for (int i = 0; i < 1000; i++) {
      assertThat(a.nextLong(10, 1_000_003)).isEqualTo(b.nextLong(10, 1_000_003));
    }
  }
}
