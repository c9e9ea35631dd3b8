package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.formats.ValueType;
import dev.quarry.synth.RowIterator;
import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.write.OutputColumn;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.jexl3.JexlBuilder;
import org.apache.commons.jexl3.JexlExpression;
import org.apache.commons.jexl3.MapContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every kind on 1,000,000 rows: ranges, null rates, weights, uniqueness, keys, patterns, exprs. */
class ConstraintsTest {

  static final int ROWS = 1_000_000;

  static final String SCHEMA =
      """
      seed: 7
      tables:
        parents:
          rows: 5000
          fields:
            id:    {kind: sequence, start: 100, step: 3}
            key:   {kind: regex, pattern: "[A-Z]{2}[0-9]{4}", unique: true}
            email: {kind: faker, provider: internet.emailAddress, unique: true}
            total: {kind: expr, expr: "id * 2"}
        rows:
          rows: 1000000
          fields:
            i:   {kind: int, min: -50, max: 50, nulls: 0.1}
            u:   {kind: int, min: 0, max: 1999999, unique: true}
            n:   {kind: int, min: 18, max: 90, distribution: normal, mean: 40, stddev: 12}
            z:   {kind: long, min: 1, max: 1000, distribution: zipf, exponent: 1.1}
            x:   {kind: float, min: 0, max: 10, distribution: exponential, mean: 2}
            d:   {kind: decimal, min: 1, max: 500, scale: 2, nulls: 0.25}
            du:  {kind: decimal, min: 0, max: 20000, scale: 2, unique: true}
            b:   {kind: boolean, probability: 0.3}
            s:   {kind: string, min_length: 3, max_length: 8, chars: hex}
            su:  {kind: string, length: 6, chars: upper, unique: true}
            re:  {kind: regex, pattern: "[a-z]{2,5}@(x|yy)\\\\.com"}
            ru:  {kind: regex, pattern: "[A-Z]{3}-[0-9]{4}", unique: true}
            e:   {kind: enum, values: {gold: 1, silver: 3, bronze: 6}}
            dt:  {kind: date, min: 2020-01-01, max: 2024-12-31}
            du2: {kind: date, min: 1000-01-01, max: 9999-12-31, unique: true}
            tm:  {kind: time, min: "08:00:00", max: "17:30:00"}
            ts:  {kind: datetime, min: 2020-01-01, max: "2020-12-31T23:59:59", format: "yyyy-MM-dd HH:mm:ss"}
            id:  {kind: uuid}
            seq: {kind: sequence, start: 10, step: 5}
            fk:  {kind: ref, table: parents, field: id}
            fk2: {kind: ref, table: parents, field: key, distribution: zipf}
            fk3: {kind: ref, table: parents, field: total}
            fk4: {kind: ref, table: parents, field: email}
            c:   {kind: constant, constant: 3}
            ex:  {kind: expr, expr: "d * 1.2 + i"}
            ex2: {kind: expr, expr: "math:abs(i) + 1", type: integer}
      """;

  static Synthesizer synth;
  static Map<String, Integer> col;
  static final Map<String, Set<Object>> parentKeys = new HashMap<>();
  static final Map<String, Long> nulls = new HashMap<>();
  static final Map<Object, Long> counts = new HashMap<>();
  static final Map<String, Set<Object>> uniques = new HashMap<>();
  static long trues;
  static double nSum;
  static double xSum;
  static long zOnes;
  static long zTwos;
  static long refMissing;
  static long exprMismatch;
  static long rangeViolations;
  static long patternMismatch;
  static long rows;

  @BeforeAll
  static void generate() {
    synth = Synthesizer.parse(SCHEMA);
    List<OutputColumn> cols = synth.outputSchema("rows").columns();
    col = new HashMap<>();
    for (int k = 0; k < cols.size(); k++) {
      col.put(cols.get(k).name(), k);
    }
    RowIterator parents = synth.rows("parents", 0, 5000);
    while (parents.hasNext()) {
      Object[] p = parents.next();
      parentKeys.computeIfAbsent("id", k -> new HashSet<>()).add(p[0]);
      parentKeys.computeIfAbsent("key", k -> new HashSet<>()).add(p[1]);
      parentKeys.computeIfAbsent("email", k -> new HashSet<>()).add(p[2]);
      parentKeys.computeIfAbsent("total", k -> new HashSet<>()).add(p[3]);
    }
    JexlExpression ex = new JexlBuilder().create().createExpression("d * 1.2 + i");
    Pattern re = Pattern.compile("[a-z]{2,5}@(x|yy)\\.com");
    Pattern ru = Pattern.compile("[A-Z]{3}-[0-9]{4}");
    Pattern hex = Pattern.compile("[0-9a-f]{3,8}");
    Pattern upper = Pattern.compile("[A-Z]{6}");
    Pattern uuid = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    DateTimeFormatter tsFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (String u : List.of("u", "du", "su", "ru", "du2", "id", "seq")) {
      uniques.put(u, new HashSet<>(ROWS * 2));
    }
    RowIterator it = synth.rows("rows", 0, ROWS);
    while (it.hasNext()) {
      Object[] r = it.next();
      rows++;
      for (String name : col.keySet()) {
        if (r[col.get(name)] == null) {
          nulls.merge(name, 1L, Long::sum);
        }
      }
      Long i = (Long) r[col.get("i")];
      if (i != null && (i < -50 || i > 50)) {
        rangeViolations++;
      }
      long n = (Long) r[col.get("n")];
      nSum += n;
      long z = (Long) r[col.get("z")];
      zOnes += z == 1 ? 1 : 0;
      zTwos += z == 2 ? 1 : 0;
      double x = (Double) r[col.get("x")];
      xSum += x;
      BigDecimal d = (BigDecimal) r[col.get("d")];
      if (n < 18 || n > 90 || z < 1 || z > 1000 || x < 0 || x > 10) {
        rangeViolations++;
      }
      if (d != null && (d.scale() != 2 || d.compareTo(BigDecimal.ONE) < 0 || d.compareTo(BigDecimal.valueOf(500)) > 0)) {
        rangeViolations++;
      }
      trues += (Boolean) r[col.get("b")] ? 1 : 0;
      counts.merge(r[col.get("e")], 1L, Long::sum);
      LocalDate dt = (LocalDate) r[col.get("dt")];
      LocalTime tm = (LocalTime) r[col.get("tm")];
      LocalDateTime ts = LocalDateTime.parse((String) r[col.get("ts")], tsFormat);
      if (dt.isBefore(LocalDate.of(2020, 1, 1)) || dt.isAfter(LocalDate.of(2024, 12, 31))
          || tm.isBefore(LocalTime.of(8, 0)) || tm.isAfter(LocalTime.of(17, 30))
          || ts.getYear() != 2020) {
        rangeViolations++;
      }
      if (!re.matcher((String) r[col.get("re")]).matches()
          || !ru.matcher((String) r[col.get("ru")]).matches()
          || !hex.matcher((String) r[col.get("s")]).matches()
          || !upper.matcher((String) r[col.get("su")]).matches()
          || !uuid.matcher((String) r[col.get("id")]).matches()) {
        patternMismatch++;
      }
      for (String u : List.of("u", "du", "su", "ru", "du2", "id", "seq")) {
        uniques.get(u).add(r[col.get(u)]);
      }
      if (!parentKeys.get("id").contains(r[col.get("fk")])
          || !parentKeys.get("key").contains(r[col.get("fk2")])
          || !parentKeys.get("total").contains(r[col.get("fk3")])
          || !parentKeys.get("email").contains(r[col.get("fk4")])) {
        refMissing++;
      }
      Object actual = r[col.get("ex")];
      if (d == null || i == null) {
        exprMismatch += actual == null ? 0 : 1;
      } else {
        MapContext ctx = new MapContext();
        ctx.set("d", d);
        ctx.set("i", i);
        BigDecimal expected = (BigDecimal) ex.evaluate(ctx);
        BigDecimal got = (BigDecimal) actual;
        exprMismatch += got.compareTo(expected.setScale(got.scale(), RoundingMode.HALF_EVEN)) == 0 ? 0 : 1;
      }
      Long ex2 = (Long) r[col.get("ex2")];
      if (i == null ? ex2 != null : ex2 != Math.abs(i) + 1) {
        exprMismatch++;
      }
      if ((Long) r[col.get("c")] != 3L) {
        exprMismatch++;
      }
    }
  }

  @Test
  void columnsAreTyped() {
    List<OutputColumn> cols = synth.outputSchema("rows").columns();
    assertThat(cols.get(col.get("ex"))).isEqualTo(new OutputColumn("ex", ValueType.DECIMAL, 3, true));
    assertThat(cols.get(col.get("ex2"))).isEqualTo(new OutputColumn("ex2", ValueType.INTEGER, 0, true));
    assertThat(cols.get(col.get("ts")).type()).isEqualTo(ValueType.STRING);
    assertThat(cols.get(col.get("dt")).type()).isEqualTo(ValueType.DATE);
    assertThat(cols.get(col.get("tm")).type()).isEqualTo(ValueType.TIME);
    assertThat(cols.get(col.get("fk")).type()).isEqualTo(ValueType.INTEGER);
    assertThat(cols.get(col.get("fk3")).type()).isEqualTo(ValueType.INTEGER);
    assertThat(cols.get(col.get("d"))).isEqualTo(new OutputColumn("d", ValueType.DECIMAL, 2, true));
    assertThat(cols.get(col.get("u")).nullable()).isFalse();
  }

  @Test
  void everyRowWasGenerated() {
    assertThat(rows).isEqualTo(ROWS);
  }

  @Test
  void rangesHold() {
    assertThat(rangeViolations).isZero();
  }

  @Test
  void nullRatesAreWithinOnePercent() {
    assertThat(nulls.getOrDefault("i", 0L) / (double) ROWS).isCloseTo(0.1, within(0.01));
    assertThat(nulls.getOrDefault("d", 0L) / (double) ROWS).isCloseTo(0.25, within(0.01));
    assertThat(nulls.keySet()).containsExactlyInAnyOrder("i", "d", "ex", "ex2");
  }

  @Test
  void enumWeightsAndProbabilityAreWithinOnePercent() {
    assertThat(counts.get("gold") / (double) ROWS).isCloseTo(0.1, within(0.01));
    assertThat(counts.get("silver") / (double) ROWS).isCloseTo(0.3, within(0.01));
    assertThat(counts.get("bronze") / (double) ROWS).isCloseTo(0.6, within(0.01));
    assertThat(trues / (double) ROWS).isCloseTo(0.3, within(0.01));
  }

  @Test
  void distributionsHaveTheirShape() {
    // Normal(40, 12) cut to [18, 90] by redraws: the truncated mean is 40 + 12 φ(a) / (1 - Φ(a))
    // with a = (18 - 40) / 12, about 40.92.
    assertThat(nSum / ROWS).isCloseTo(40.92, within(0.15));
    // Exponential with mean 2 truncated (by redraws) to [0, 10]: mean slightly below 2.
    assertThat(xSum / ROWS).isBetween(1.85, 2.05);
    // Zipf: rank 1 is the most frequent, about 2^1.1 times rank 2.
    assertThat(zOnes / (double) zTwos).isCloseTo(Math.pow(2, 1.1), within(0.1));
  }

  @Test
  void uniqueFieldsAreUnique() {
    uniques.forEach((name, values) -> assertThat(values).as(name).hasSize(ROWS));
  }

  @Test
  void everyRefValueExistsAmongTheParentsKeys() {
    assertThat(refMissing).isZero();
    assertThat(parentKeys.get("key")).hasSize(5000);
    assertThat(parentKeys.get("email")).hasSize(5000);
  }

  @Test
  void patternsMatch() {
    assertThat(patternMismatch).isZero();
  }

  @Test
  void exprValuesEqualTheirExpression() {
    assertThat(exprMismatch).isZero();
  }
}
