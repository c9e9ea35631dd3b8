package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Faker fields draw from a per-field pool (fast, deterministic), or call Datafaker per row. */
class FakerPoolTest {

  private static Set<Object> names(String pool, int workersShards) {
    Synthesizer s = Synthesizer.parse("""
        seed: 3
        tables:
          t:
            rows: 2000
            fields:
              name: {kind: faker, provider: name.firstName%s}
        """.formatted(pool));
    Set<Object> out = new HashSet<>();
    for (Shard shard : s.shards("t", workersShards)) {
      s.rows(shard).forEachRemaining(r -> out.add(r[0]));
    }
    return out;
  }

  @Test
  void poolBoundsDistinctValuesAndPerRowCallsDoNot() {
    assertThat(names(", pool: 16", 1)).hasSizeLessThanOrEqualTo(16).hasSizeGreaterThan(8);
    assertThat(names(", pool: 0", 1).size()).isGreaterThan(200);
    assertThat(names("", 1).size()).isGreaterThan(200); // the default pool is large
  }

  @Test
  void poolIsTheSameWhateverTheSharding() {
    Synthesizer s = Synthesizer.parse("""
        seed: 3
        tables:
          t:
            rows: 500
            fields:
              name: {kind: faker, provider: name.fullName, pool: 64}
        """);
    StringBuilder one = new StringBuilder();
    s.rows("t", 0, 500).forEachRemaining(r -> one.append(r[0]).append('\n'));
    StringBuilder many = new StringBuilder();
    for (Shard shard : s.shards("t", 7)) {
      s.rows(shard).forEachRemaining(r -> many.append(r[0]).append('\n'));
    }
    assertThat(many.toString()).isEqualTo(one.toString());
  }
}
