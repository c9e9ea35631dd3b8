package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.ValueType;
import dev.quarry.synth.generate.GenerationException;
import dev.quarry.synth.write.OutputColumn;
import dev.quarry.synth.write.OutputSchema;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SynthesizerTest {

  static String resource(String name) {
    try (InputStream in = SynthesizerTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theIssueExampleGeneratesBothTables() {
    Synthesizer synth = Synthesizer.parse(resource("issue-example.yaml"));
    assertThat(synth.tables()).containsExactly("customers", "orders");
    assertThat(synth.outputSchema("customers"))
        .isEqualTo(new OutputSchema("customers", List.of(
            new OutputColumn("id", ValueType.INTEGER, 0, false),
            new OutputColumn("name", ValueType.STRING, 0, false),
            new OutputColumn("email", ValueType.STRING, 0, false),
            new OutputColumn("age", ValueType.INTEGER, 0, false),
            new OutputColumn("tier", ValueType.STRING, 0, false),
            new OutputColumn("score", ValueType.FLOAT, 0, true),
            new OutputColumn("code", ValueType.STRING, 0, false),
            new OutputColumn("signup", ValueType.DATE, 0, false))));
    assertThat(synth.outputSchema("orders"))
        .isEqualTo(new OutputSchema("orders", List.of(
            new OutputColumn("id", ValueType.STRING, 0, false),
            new OutputColumn("customer_id", ValueType.INTEGER, 0, false),
            new OutputColumn("amount", ValueType.DECIMAL, 2, false),
            new OutputColumn("with_tax", ValueType.DECIMAL, 3, false))));

    Set<String> emails = new HashSet<>();
    long expectedId = 1;
    RowIterator customers = synth.rows("customers", 0, 1000);
    while (customers.hasNext()) {
      Object[] c = customers.next();
      assertThat(c[0]).isEqualTo(expectedId++);
      assertThat((String) c[1]).isNotBlank();
      assertThat(emails.add((String) c[2])).isTrue();
      assertThat((String) c[2]).contains("@");
      assertThat((Long) c[3]).isBetween(18L, 90L);
      assertThat(c[4]).isIn("gold", "silver", "bronze");
      assertThat(c[5] == null || ((Double) c[5] >= 0 && (Double) c[5] <= 1)).isTrue();
      assertThat((String) c[6]).matches("[A-Z]{3}-[0-9]{4}");
      assertThat((LocalDate) c[7]).isBetween(LocalDate.of(2020, 1, 1), LocalDate.of(2024, 12, 31));
    }
    RowIterator orders = synth.rows("orders", 0, 10_000);
    long count = 0;
    while (orders.hasNext()) {
      Object[] o = orders.next();
      count++;
      assertThat((Long) o[1]).isBetween(1L, 1000L);
      BigDecimal amount = (BigDecimal) o[2];
      assertThat(amount).isBetween(BigDecimal.ONE, BigDecimal.valueOf(500));
      assertThat(o[3]).isEqualTo(amount.multiply(new BigDecimal("1.2")).setScale(3, RoundingMode.HALF_EVEN));
    }
    assertThat(count).isEqualTo(10_000);
  }

  @Test
  void expressionsOverNullsAreNullAndDeclaredTypesAreApplied() {
    Synthesizer synth = Synthesizer.parse(
        """
        tables:
          t:
            rows: 400
            fields:
              a: {kind: int, min: 1, max: 9, nulls: 0.5}
              half: {kind: expr, expr: "a / 2", type: float}
              label: {kind: expr, expr: "a > 4 ? 'big' : 'small'"}
              money: {kind: expr, expr: "a * 1.5", type: decimal, scale: 2}
        """);
    assertThat(synth.outputSchema("t").columns())
        .extracting(OutputColumn::type)
        .containsExactly(ValueType.INTEGER, ValueType.FLOAT, ValueType.STRING, ValueType.DECIMAL);
    RowIterator rows = synth.rows("t", 0, 400);
    int nullRows = 0;
    while (rows.hasNext()) {
      Object[] r = rows.next();
      if (r[0] == null) {
        nullRows++;
        assertThat(r[1]).isNull();
        assertThat(r[2]).isNull();
        assertThat(r[3]).isNull();
      } else {
        long a = (Long) r[0];
        assertThat(r[1]).isInstanceOf(Double.class);
        assertThat(r[2]).isEqualTo(a > 4 ? "big" : "small");
        assertThat(r[3]).isEqualTo(BigDecimal.valueOf(a * 15, 1).setScale(2));
      }
    }
    assertThat(nullRows).isBetween(150, 250);
  }

  @Test
  void aFailingExpressionNamesItsFieldAndRow() {
    Synthesizer synth = Synthesizer.parse(
        "tables: {t: {rows: 10, fields: {z: {kind: constant, constant: 0}, q: {kind: expr, expr: '1 / z', type: integer}}}}");
    assertThatThrownBy(() -> synth.rows("t", 0, 1).next())
        .isInstanceOf(GenerationException.class)
        .hasMessageStartingWith("tables.t.fields.q: expr failed at row 0");
  }

  @Test
  void rowRangesOutsideTheTableAreRefused() {
    Synthesizer synth = Synthesizer.parse(resource("issue-example.yaml"));
    assertThatThrownBy(() -> synth.rows("customers", 0, 1001)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> synth.rows("nope", 0, 1)).hasMessageContaining("no table 'nope'");
  }

  @Test
  void overridingRowsKeepsEarlierRowsIdentical() {
    Synthesizer small = Synthesizer.parse(resource("issue-example.yaml"));
    Synthesizer big = new Synthesizer(small.schema().withRows("orders", 50_000));
    RowIterator a = small.rows("orders", 0, 100);
    RowIterator b = big.rows("orders", 0, 100);
    while (a.hasNext()) {
      assertThat(b.next()).isEqualTo(a.next());
    }
  }
}
