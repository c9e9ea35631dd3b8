package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.synth.RowIterator;
import dev.quarry.synth.Synthesizer;
import java.util.BitSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegexAndPermutationTest {

  @Test
  void nestedUnboundedRegexesGenerateBoundedMatchingValues() {
    String yaml =
        """
        tables:
          t:
            rows: 2000
            fields:
              a: {kind: regex, pattern: "(a*)*"}
              b: {kind: regex, pattern: "((((x+)+)+)+)+y"}
              c: {kind: regex, pattern: "(ab|c)+[0-9]*"}
        """;
    RowIterator rows = Synthesizer.parse(yaml).rows("t", 0, 2000);
    Pattern a = Pattern.compile("(a*)*");
    Pattern b = Pattern.compile("x+y");
    Pattern c = Pattern.compile("(ab|c)+[0-9]*");
    int longestA = 0;
    while (rows.hasNext()) {
      Object[] r = rows.next();
      assertThat((String) r[0]).matches(a);
      assertThat((String) r[1]).matches(b).hasSizeLessThanOrEqualTo(4097);
      assertThat((String) r[2]).matches(c);
      longestA = Math.max(longestA, ((String) r[0]).length());
    }
    assertThat(longestA).isLessThanOrEqualTo(16 * 16);
  }

  @Test
  void permutationIsABijectionForAwkwardSizes() {
    for (long n : new long[] {1, 2, 3, 5, 17, 1000, 4097, 65_537}) {
      Permutation p = new Permutation(n, n * 31);
      BitSet seen = new BitSet();
      for (long i = 0; i < n; i++) {
        long v = p.apply(i);
        assertThat(v).isBetween(0L, n - 1);
        seen.set((int) v);
      }
      assertThat(seen.cardinality()).as("n=" + n).isEqualTo((int) n);
    }
  }

  @Test
  void permutationShufflesAndDependsOnItsKey() {
    Permutation p = new Permutation(1_000_000, 1);
    Permutation q = new Permutation(1_000_000, 2);
    int fixed = 0;
    int same = 0;
    for (long i = 0; i < 10_000; i++) {
      fixed += p.apply(i) == i ? 1 : 0;
      same += p.apply(i) == q.apply(i) ? 1 : 0;
    }
    assertThat(fixed).isLessThan(5);
    assertThat(same).isLessThan(5);
  }
}
