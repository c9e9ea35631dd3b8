package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The writers' fast paths give exactly what the JDK's slow ones give. */
class TextEncodingTest {

  @Test
  void decimalsWithoutAllocationMatchToPlainString() {
    ValueText text = new ValueText();
    Random r = new Random(5);
    for (int i = 0; i < 200_000; i++) {
      int scale = r.nextInt(8);
      long unscaled = switch (i % 4) {
        case 0 -> r.nextInt(1000) - 500;
        case 1 -> r.nextLong() / (1L << r.nextInt(63));
        case 2 -> (long) (r.nextGaussian() * 1e6);
        default -> r.nextBoolean() ? 0 : -1;
      };
      BigDecimal v = BigDecimal.valueOf(unscaled, scale);
      int n = text.formatDecimalChars(v, scale);
      String expected = text.formatDecimal(v, scale);
      if (n >= 0) {
        assertThat(new String(text.chars, 0, n)).as("%s at scale %d", v, scale).isEqualTo(expected);
      } else {
        assertThat(v.precision()).isGreaterThan(18);
      }
    }
    // Another scale than the column's: the caller must take the slow path.
    assertThat(text.formatDecimalChars(new BigDecimal("1.5"), 2)).isEqualTo(-1);
  }

  @Test
  void utf8LikeTheJdkEncoderIncludingBrokenSurrogates() throws Exception {
    Random r = new Random(9);
    char[] pool = {'a', 'Z', '0', ',', '"', '\n', 'é', 'ß', '€', '中', '\uD83D', '\uDE00', '\uDBFF', '\uDC00'};
    for (int round = 0; round < 2000; round++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(r.nextInt(10) == 0 ? 70_000 : 40);
      for (int i = 0; i < len; i++) {
        b.append(pool[r.nextInt(pool.length)]);
      }
      String s = b.toString();
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CharSink sink = new CharSink(bytes);
      // split across calls of every kind, so pairs straddle appends too
      int cut1 = s.isEmpty() ? 0 : r.nextInt(s.length() + 1);
      int cut2 = cut1 + (s.length() == cut1 ? 0 : r.nextInt(s.length() - cut1 + 1));
      sink.append(s, 0, cut1);
      sink.append(s.substring(cut1, cut2).toCharArray(), 0, cut2 - cut1);
      for (int i = cut2; i < s.length(); i++) {
        sink.append(s.charAt(i));
      }
      sink.flush();
      assertThat(bytes.toByteArray()).as("round %d", round).isEqualTo(s.getBytes(StandardCharsets.UTF_8));
    }
    ByteArrayOutputStream ascii = new ByteArrayOutputStream();
    CharSink sink = new CharSink(ascii);
    String big = "abc,".repeat(40_000);
    sink.appendAscii("x").appendAscii(big).appendAscii("");
    sink.flush();
    assertThat(ascii.toString(StandardCharsets.US_ASCII)).isEqualTo("x" + big);
  }
}
