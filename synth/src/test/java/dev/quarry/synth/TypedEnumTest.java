package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.ValueType;
import dev.quarry.synth.schema.SchemaException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A weighted enum of numbers stays numeric: typed columns, Long or Double values. */
class TypedEnumTest {

  @Test
  void numericEnumsAreTyped() {
    Synthesizer s = Synthesizer.parse("""
        seed: 1
        tables:
          t:
            rows: 500
            fields:
              n: {kind: enum, type: int, values: {"1": 1, "5": 2, "-7": 1}}
              x: {kind: enum, type: float, values: ["0.5", "2.25"]}
              s: {kind: enum, values: ["a", "b"]}
        """);
    assertThat(s.outputSchema("t").columns()).extracting(c -> c.type())
        .containsExactly(ValueType.INTEGER, ValueType.FLOAT, ValueType.STRING);
    Set<Object> ns = new HashSet<>();
    Set<Object> xs = new HashSet<>();
    s.rows("t", 0, 500).forEachRemaining(r -> {
      ns.add(r[0]);
      xs.add(r[1]);
    });
    assertThat(ns).containsExactlyInAnyOrder(1L, 5L, -7L);
    assertThat(xs).containsExactlyInAnyOrder(0.5, 2.25);
  }

  @Test
  void valuesMustMatchTheType() {
    assertThatThrownBy(() -> Synthesizer.parse("""
        tables:
          t:
            rows: 5
            fields:
              n: {kind: enum, type: int, values: ["1", "two"]}
        """)).isInstanceOf(SchemaException.class).hasMessageContaining("tables.t.fields.n.values")
        .hasMessageContaining("'two' is not an integer");
    assertThatThrownBy(() -> Synthesizer.parse("""
        tables:
          t:
            rows: 5
            fields:
              n: {kind: enum, type: date, values: ["1"]}
        """)).isInstanceOf(SchemaException.class).hasMessageContaining("type must be string, int or float");
  }
}
