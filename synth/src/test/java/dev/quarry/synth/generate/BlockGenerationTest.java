package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.quarry.core.formats.ValueType;
import dev.quarry.synth.RowIterator;
import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.write.ColumnVector;
import dev.quarry.synth.write.ColumnVector.Form;
import dev.quarry.synth.write.OutputColumn;
import dev.quarry.synth.write.OutputSchema;
import dev.quarry.synth.write.RowBlock;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Generating a block at a time ({@link RowGenerator#fill(long, int, RowBlock)}, {@link
 * RowIterator#next(RowBlock)}) yields exactly the rows that generating one row at a time does, for
 * every field kind, any block capacity and any start row: the same classes, the same values, the
 * same BigDecimal scales, the same nulls.
 */
public class BlockGenerationTest {

  /** Every kind, with the settings that change how its values are made (also used by BlockWritingTest). */
  public static final String SCHEMA =
      """
      seed: 11
      tables:
        parents:
          rows: 300
          fields:
            id:     {kind: sequence, start: 100, step: 7}
            code:   {kind: regex, pattern: "[A-Z]{2}[0-9]{3}", unique: true}
            money:  {kind: decimal, min: -50, max: 50, scale: 2, unique: true}
            tier:   {kind: enum, values: ["gold", "silver", "bronze"]}
            nick:   {kind: faker, provider: name.firstName, pool: 32}
            twice:  {kind: expr, expr: "id * 2"}
        t:
          rows: 5000
          fields:
            # int
            i_uni:   {kind: int, min: -50, max: 50, nulls: 0.2}
            i_norm:  {kind: int, min: 18, max: 90, distribution: normal, mean: 40, stddev: 12}
            i_zipf:  {kind: long, min: 1, max: 1000, distribution: zipf, exponent: 1.1}
            i_exp:   {kind: integer, min: 0, max: 10000, distribution: exponential, mean: 50}
            i_uniq:  {kind: int, min: -1000000, max: 1000000, unique: true}
            i_wide:  {kind: long, min: -9223372036854775808, max: 9223372036854775807}
            # long / decimal
            d0:      {kind: decimal, min: -1000000, max: 1000000, scale: 0}
            d2:      {kind: decimal, min: 1, max: 500, scale: 2, nulls: 0.25}
            d2neg:   {kind: decimal, min: -1, max: -0.01, scale: 2}
            dneg:    {kind: decimal, min: -0.05, max: 0.05, scale: 3, nulls: 0.1}
            d18:     {kind: decimal, min: -1, max: 1, scale: 18}
            dbig:    {kind: decimal, min: -1152921504606846975, max: 1152921504606846975, scale: 0}
            duniq:   {kind: decimal, min: -100, max: 100, scale: 2, unique: true}
            dnorm:   {kind: decimal, min: 0, max: 100, scale: 1, distribution: normal}
            dzipf:   {kind: decimal, min: 1, max: 200, scale: 0, distribution: zipf}
            # float
            f_uni:   {kind: float, min: -1, max: 1, nulls: 0.3}
            f_norm:  {kind: double, min: 0, max: 100, distribution: normal, mean: 50, stddev: 10}
            f_exp:   {kind: float, min: 0, max: 10, distribution: exponential, mean: 2}
            f_zipf:  {kind: float, min: 1, max: 100, distribution: zipf}
            # boolean
            b:       {kind: boolean, probability: 0.3, nulls: 0.1}
            b_always: {kind: bool, probability: 1}
            # string
            s:       {kind: string, min_length: 0, max_length: 8, chars: "a,\\"\\n\\té😀"}
            s_hex:   {kind: string, min_length: 3, max_length: 8, chars: hex, nulls: 0.15}
            s_uniq:  {kind: string, length: 6, chars: upper, unique: true}
            # regex
            re:      {kind: regex, pattern: "[a-z]{2,5}@(x|yy)\\\\.com", nulls: 0.05}
            re_uniq: {kind: regex, pattern: "[A-Z]{3}-[0-9]{4}", unique: true}
            # enum
            e:       {kind: enum, values: ["gold", "silver", "bronze"]}
            e_w:     {kind: enum, values: {"a,b": 1, "q\\"q": 3, "": 2, "naïve ünïcödé": 1, "😀 emoji": 2}, nulls: 0.2}
            e_list_w: {kind: enum, values: ["x", "y", "z"], weights: [0, 1, 5]}
            e_int:   {kind: enum, type: int, values: {"1": 1, "5": 2, "-7": 1, "9223372036854775807": 1}}
            e_int_n: {kind: enum, type: int, values: ["10", "20"], nulls: 0.5}
            e_float: {kind: enum, type: float, values: ["0.5", "2.25", "-1e300", "1e-7"]}
            # date / time / datetime
            dt:      {kind: date, min: 1900-01-01, max: 2100-12-31, nulls: 0.1}
            dt_fmt:  {kind: date, min: 2020-01-01, max: 2024-12-31, format: "dd/MM/yyyy"}
            dt_uniq: {kind: date, min: 1000-01-01, max: 9999-12-31, unique: true}
            dt_zipf: {kind: date, min: 2000-01-01, max: 2000-12-31, distribution: zipf}
            tm:      {kind: time, min: "08:00:00", max: "17:30:00"}
            tm_fmt:  {kind: time, format: "hh:mm a", nulls: 0.1}
            tm_exp:  {kind: time, distribution: exponential}
            ts:      {kind: datetime, min: 1960-01-01, max: "2040-12-31T23:59:59"}
            ts_fmt:  {kind: datetime, min: 2020-01-01, max: "2020-12-31T23:59:59", format: "yyyy-MM-dd HH:mm:ss"}
            ts_uniq: {kind: timestamp, unique: true, nulls: 0.05}
            # uuid, sequence
            id:      {kind: uuid}
            seq:     {kind: sequence, start: 10, step: 5}
            seq_neg: {kind: sequence, start: -3, step: -2, nulls: 0.1}
            # faker
            name:    {kind: faker, provider: name.firstName}
            name0:   {kind: faker, provider: name.lastName, pool: 0, nulls: 0.1}
            name8:   {kind: faker, provider: name.fullName, pool: 8, nulls: 0.3}
            email:   {kind: faker, provider: internet.emailAddress, unique: true, pool: 64}
            email0:  {kind: faker, provider: internet.emailAddress, unique: true, pool: 0}
            fexpr:   {kind: faker, provider: "#{Name.first_name} #{Address.city}", pool: 0}
            fde:     {kind: faker, provider: address.city, locale: de, pool: 16}
            # text
            words:   {kind: text, words: [0, 6]}
            sents:   {kind: text, sentences: {min: 1, max: 2}, nulls: 0.2}
            txt_u:   {kind: text, words: 2, unique: true}
            # expr
            ex_sum:  {kind: expr, expr: "i_uni + i_norm"}
            ex_dec:  {kind: expr, expr: "d2 * 1.2 + i_uni"}
            ex_dec3: {kind: expr, expr: "d2 * 2", type: decimal, scale: 3}
            ex_str:  {kind: expr, expr: "e + '-' + seq"}
            ex_enum: {kind: expr, expr: "e_w + '|' + name8"}
            ex_bool: {kind: expr, expr: "f_uni > 0"}
            ex_flt:  {kind: expr, expr: "f_norm / 3", type: float}
            ex_int:  {kind: expr, expr: "math:abs(i_uni) + 1", type: integer}
            ex_date: {kind: expr, expr: "dt"}
            ex_chain: {kind: expr, expr: "ex_sum * 2 + e_int"}
            ex_fmt:  {kind: expr, expr: "dt_fmt + ' ' + tm_fmt"}
            ex_null: {kind: expr, expr: "b ? name0 : re", nulls: 0.1}
            ex_ref:  {kind: expr, expr: "fk + fk_twice"}
            ex_fenum: {kind: expr, expr: "e_float * 2 + c_flt"}
            ex_misc: {kind: expr, expr: "size(id) + size(words) + (b_always ? 1 : 0)"}
            ex_dec0: {kind: expr, expr: "d0 + dzipf"}
            # ref
            fk:      {kind: ref, table: parents, field: id}
            fk_code: {kind: ref, table: parents, field: code, distribution: zipf}
            fk_money: {kind: ref, table: parents, field: money, nulls: 0.2}
            fk_tier: {kind: ref, table: parents, field: tier}
            fk_nick: {kind: ref, table: parents, field: nick, distribution: zipf, exponent: 2}
            fk_twice: {kind: ref, table: parents, field: twice}
            # constant
            c_int:   {kind: constant, constant: 3}
            c_str:   {constant: "ünïcödé 😀, \\"quoted\\""}
            c_flt:   {constant: 2.5}
            c_bool:  {constant: true}
            c_dec:   {kind: decimal, constant: "-0.050"}
            c_date:  {kind: date, constant: 2024-02-29}
            c_null:  {constant: null}
            c_nulls: {kind: constant, constant: "sometimes", nulls: 0.5}
        few:
          rows: 6
          fields:
            eu:      {kind: enum, values: ["α", "β", "γ", "δ", "ε", "ζ", "η"], unique: true}
            eu_int:  {kind: enum, type: int, values: ["1", "2", "3", "4", "5", "6"], unique: true}
            eu_flt:  {kind: enum, type: float, values: ["1.5", "2.5", "3.5", "4.5", "5.5", "6.5", "7.5"], unique: true, nulls: 0.3}
            bu:      {kind: int, min: 0, max: 5, unique: true}
        pair:
          rows: 2
          fields:
            flag:    {kind: boolean, unique: true}
            one:     {kind: enum, values: ["x", "y"], unique: true}
      """;

  static Synthesizer synth;

  @BeforeAll
  static void parse() {
    synth = Synthesizer.parse(SCHEMA);
  }

  static long rows(String table) {
    return synth.schema().table(table).rows();
  }

  /** Rows {@code [from, to)} one at a time, from a generator of their own. */
  static List<Object[]> oneByOne(String table, long from, long to) {
    RowGenerator g = synth.generator(table);
    List<Object[]> out = new ArrayList<>();
    for (long r = from; r < to; r++) {
      out.add(g.row(r));
    }
    return out;
  }

  /** Exactly equal, value by value: the class too, and a BigDecimal's scale. */
  static void assertSameRow(String what, Object[] expected, Object[] actual, OutputSchema schema) {
    if (Arrays.deepEquals(expected, actual)) {
      for (int i = 0; i < expected.length; i++) {
        if (expected[i] != null && expected[i].getClass() != actual[i].getClass()) {
          fail(what + ", column " + schema.columns().get(i).name() + ": " + expected[i].getClass()
              + " vs " + actual[i].getClass());
        }
      }
      return;
    }
    for (int i = 0; i < expected.length; i++) {
      Object e = expected[i];
      Object a = actual[i];
      if (e == null ? a != null : !e.equals(a)) {
        fail(what + ", column " + schema.columns().get(i).name() + ": expected <" + e + "> ("
            + (e == null ? "null" : e.getClass().getSimpleName()) + ") but block gave <" + a + "> ("
            + (a == null ? "null" : a.getClass().getSimpleName()) + ")");
      }
    }
    fail(what + ": rows differ: " + Arrays.deepToString(expected) + " vs " + Arrays.deepToString(actual));
  }

  /** Compares block rows {@code 0..size} with the one-by-one rows from {@code block.firstRow()}. */
  static void assertBlockMatches(String table, RowBlock block, List<Object[]> expected, long expectedFrom) {
    Object[] out = new Object[block.width()];
    for (int k = 0; k < block.size(); k++) {
      block.row(k, out);
      long row = block.firstRow() + k;
      assertSameRow(table + " row " + row + " (block of " + block.capacity() + " from " + block.firstRow() + ")",
          expected.get((int) (row - expectedFrom)), out, block.schema());
      // every typed accessor agrees with get()
      for (int i = 0; i < block.width(); i++) {
        ColumnVector v = block.column(i);
        if (v.isNull(k)) {
          assertThat(out[i]).as("%s null flag of %s", row, v.column().name()).isNull();
          continue;
        }
        Object typed = switch (v.form()) {
          case LONG -> ColumnVector.box(v.column(), v.getLong(k));
          case DOUBLE -> v.getDouble(k);
          case DICTIONARY -> v.dictionary().get(v.getId(k));
          case OBJECT -> v.getObject(k);
        };
        assertThat(typed).as("%s typed value of %s", row, v.column().name()).isEqualTo(out[i]);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"t", "parents", "few", "pair"})
  void blocksOfAnyCapacityFromAnyStartEqualRowsOneByOne(String table) {
    long n = rows(table);
    List<Object[]> all = oneByOne(table, 0, n);
    RowGenerator blocks = synth.generator(table);
    for (int capacity : new int[] {1, 7, 1024}) {
      RowBlock block = blocks.newBlock(capacity);
      assertThat(block.capacity()).isEqualTo(capacity);
      assertThat(block.schema()).isEqualTo(synth.outputSchema(table));
      for (long start : new long[] {0, 1, 6, 13, 1000, 4093, n - 1}) {
        if (start < 0 || start >= n) {
          continue;
        }
        // a few blocks in a row (cap 1: a few hundred rows), the last one possibly short
        long end = Math.min(n, start + Math.max(3L * capacity, 300));
        for (long first = start; first < end; first += capacity) {
          int size = (int) Math.min(capacity, end - first);
          blocks.fill(first, size, block);
          assertThat(block.firstRow()).isEqualTo(first);
          assertThat(block.size()).isEqualTo(size);
          assertBlockMatches(table, block, all, 0);
        }
      }
    }
  }

  @Test
  void theWholeTableInBlocksEqualsTheTableRowByRow() {
    long n = rows("t");
    List<Object[]> all = oneByOne("t", 0, n);
    for (int capacity : new int[] {7, 1024}) {
      RowGenerator g = synth.generator("t");
      RowBlock block = g.newBlock(capacity);
      for (long first = 0; first < n; first += capacity) {
        int size = (int) Math.min(capacity, n - first);
        g.fill(first, size, block);
        assertBlockMatches("t", block, all, 0);
      }
    }
  }

  @Test
  void blocksAndRowsFromOneGeneratorDoNotDisturbEachOther() {
    // The same generator alternates between row and block mode, out of order: its shared state
    // (random streams, Faker instances, scratch arrays) must not leak from one call into the next.
    long n = rows("t");
    List<Object[]> all = oneByOne("t", 0, n);
    RowGenerator g = synth.generator("t");
    RowBlock block = g.newBlock(64);
    long[] starts = {4000, 3, 2500, 0, 4936, 777};
    for (long first : starts) {
      Object[] before = g.row(n - 1 - first);
      assertSameRow("row " + (n - 1 - first), all.get((int) (n - 1 - first)), before, block.schema());
      g.fill(first, 64, block);
      assertBlockMatches("t", block, all, 0);
      Object[] after = g.row(first + 10);
      assertSameRow("row " + (first + 10), all.get((int) (first + 10)), after, block.schema());
    }
  }

  @Test
  void aReusedBlockKeepsNothingOfItsEarlierRows() {
    // the first fill leaves values (and nulls) in every slot; a shorter fill elsewhere must
    // reproduce its rows exactly and refuse to give back rows past its size
    List<Object[]> all = oneByOne("t", 0, rows("t"));
    RowGenerator g = synth.generator("t");
    RowBlock block = g.newBlock(100);
    g.fill(0, 100, block);
    g.fill(2000, 37, block);
    assertBlockMatches("t", block, all, 0);
    g.fill(4999, 1, block);
    assertBlockMatches("t", block, all, 0);
    g.fill(10, 0, block);
    assertThat(block.size()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> block.row(0, new Object[block.width()]))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void eachColumnIsHeldInItsCheapestForm() {
    RowGenerator g = synth.generator("t");
    OutputSchema schema = synth.outputSchema("t");
    Map<String, Form> forms = new HashMap<>();
    List<Form> list = g.forms();
    for (int i = 0; i < list.size(); i++) {
      forms.put(schema.columns().get(i).name(), list.get(i));
    }
    // typed paths are really taken, not just the boxed fallback
    for (String c : List.of("i_uni", "i_norm", "i_zipf", "i_exp", "i_uniq", "i_wide", "d0", "d2", "d2neg",
        "dneg", "d18", "dbig", "duniq", "dnorm", "dzipf", "b", "b_always", "e_int", "e_int_n", "dt",
        "dt_uniq", "dt_zipf", "tm", "tm_exp", "ts", "ts_uniq", "seq", "seq_neg")) {
      assertThat(forms.get(c)).as(c).isEqualTo(Form.LONG);
    }
    for (String c : List.of("f_uni", "f_norm", "f_exp", "f_zipf", "e_float")) {
      assertThat(forms.get(c)).as(c).isEqualTo(Form.DOUBLE);
    }
    for (String c : List.of("e", "e_w", "e_list_w", "name", "name8", "fde")) {
      assertThat(forms.get(c)).as(c).isEqualTo(Form.DICTIONARY);
    }
    for (String c : List.of("s", "s_hex", "s_uniq", "re", "re_uniq", "dt_fmt", "tm_fmt", "ts_fmt", "id",
        "name0", "email", "email0", "fexpr", "words", "sents", "txt_u", "ex_sum", "ex_dec", "fk", "fk_money",
        "c_int", "c_str", "c_null")) {
      assertThat(forms.get(c)).as(c).isEqualTo(Form.OBJECT);
    }
    // and the schema types that go with them
    Map<String, OutputColumn> cols = new HashMap<>();
    schema.columns().forEach(c -> cols.put(c.name(), c));
    assertThat(cols.get("d18")).isEqualTo(new OutputColumn("d18", ValueType.DECIMAL, 18, false));
    assertThat(cols.get("d0")).isEqualTo(new OutputColumn("d0", ValueType.DECIMAL, 0, false));
    assertThat(cols.get("ex_dec3")).isEqualTo(new OutputColumn("ex_dec3", ValueType.DECIMAL, 3, true));
    assertThat(cols.get("ex_date").type()).isEqualTo(ValueType.DATE);
    assertThat(cols.get("fk_money")).isEqualTo(new OutputColumn("fk_money", ValueType.DECIMAL, 2, true));
    assertThat(cols.get("e_int").type()).isEqualTo(ValueType.INTEGER);
    assertThat(cols.get("e_float").type()).isEqualTo(ValueType.FLOAT);
    assertThat(cols.get("c_null").nullable()).isTrue();
  }

  @Test
  void blocksCoverTheValuesTheyShould() {
    // guards against a schema that silently produces nothing interesting (all nulls, one value)
    OutputSchema schema = synth.outputSchema("t");
    RowIterator it = synth.rows("t", 0, rows("t"));
    RowBlock block = it.newBlock(1024);
    Object[] row = new Object[block.width()];
    Map<String, Integer> nulls = new HashMap<>();
    Map<String, java.util.Set<Object>> distinct = new HashMap<>();
    while (it.next(block) > 0) {
      for (int k = 0; k < block.size(); k++) {
        block.row(k, row);
        for (int i = 0; i < row.length; i++) {
          String name = schema.columns().get(i).name();
          if (row[i] == null) {
            nulls.merge(name, 1, Integer::sum);
          } else {
            distinct.computeIfAbsent(name, x -> new java.util.HashSet<>()).add(row[i]);
          }
        }
      }
    }
    for (String c : List.of("i_uni", "d2", "dneg", "f_uni", "b", "s_hex", "re", "e_w", "e_int_n", "dt", "tm_fmt",
        "ts_uniq", "seq_neg", "name0", "name8", "sents", "ex_sum", "ex_null", "fk_money", "c_nulls")) {
      assertThat(nulls.getOrDefault(c, 0)).as("nulls of " + c).isBetween(50, 4950);
    }
    assertThat(nulls.get("c_null")).isEqualTo(5000);
    assertThat(distinct.get("e_w")).containsExactlyInAnyOrder("a,b", "q\"q", "", "naïve ünïcödé", "😀 emoji");
    assertThat(distinct.get("e_list_w")).containsExactlyInAnyOrder("y", "z");
    assertThat(distinct.get("e_int")).containsExactlyInAnyOrder(1L, 5L, -7L, Long.MAX_VALUE);
    assertThat(distinct.get("c_dec")).containsExactly(new BigDecimal("-0.050"));
    assertThat(distinct.get("c_date")).containsExactly(LocalDate.of(2024, 2, 29));
    assertThat(distinct.get("name8")).hasSizeLessThanOrEqualTo(8);
    assertThat(distinct.get("name").size()).isGreaterThan(1000);
    for (String unique : List.of("i_uniq", "duniq", "s_uniq", "re_uniq", "dt_uniq", "id", "seq", "email", "email0",
        "txt_u")) {
      assertThat(distinct.get(unique)).as(unique).hasSize(5000);
    }
    assertThat(distinct.get("ts_uniq").size()).isEqualTo(5000 - nulls.get("ts_uniq"));
    // scales survive the block path
    distinct.get("d18").forEach(v -> assertThat(((BigDecimal) v).scale()).isEqualTo(18));
    distinct.get("d0").forEach(v -> assertThat(((BigDecimal) v).scale()).isZero());
    distinct.get("dneg").forEach(v -> assertThat(((BigDecimal) v).scale()).isEqualTo(3));
    distinct.get("ex_dec3").forEach(v -> assertThat(((BigDecimal) v).scale()).isEqualTo(3));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 7, 1024})
  void iteratorBlocksWalkTheSameRowsAsNext(int capacity) {
    for (String table : List.of("t", "parents", "few", "pair")) {
      long n = rows(table);
      for (long[] range : new long[][] {{0, n}, {1, n}, {n / 3, n / 3 + 1}, {n / 2, n / 2}, {n - 1, n}}) {
        RowIterator byRow = synth.rows(table, range[0], range[1]);
        RowIterator byBlock = synth.rows(table, range[0], range[1]);
        RowBlock block = byBlock.newBlock(capacity);
        Object[] out = new Object[block.width()];
        long expectedFirst = range[0];
        int got;
        while ((got = byBlock.next(block)) > 0) {
          assertThat(got).isEqualTo(block.size()).isLessThanOrEqualTo(capacity);
          assertThat(block.firstRow()).isEqualTo(expectedFirst);
          for (int k = 0; k < got; k++) {
            assertThat(byRow.hasNext()).isTrue();
            block.row(k, out);
            assertSameRow(table + " row " + (expectedFirst + k), byRow.next(), out, block.schema());
          }
          expectedFirst += got;
          assertThat(byBlock.position()).isEqualTo(expectedFirst);
          assertThat(byBlock.remaining()).isEqualTo(range[1] - expectedFirst);
        }
        assertThat(byRow.hasNext()).isFalse();
        assertThat(byBlock.hasNext()).isFalse();
        assertThat(expectedFirst).isEqualTo(range[1]);
        assertThat(byBlock.next(block)).isZero();
      }
    }
  }

  @Test
  void iteratorMixesRowsAndBlocks() {
    long n = rows("t");
    RowIterator reference = synth.rows("t", 0, n);
    RowIterator mixed = synth.rows("t", 0, n);
    RowBlock block = mixed.newBlock(300);
    Object[] out = new Object[block.width()];
    int step = 0;
    while (mixed.hasNext()) {
      if (step++ % 3 == 0) {
        Object[] r = mixed.next();
        assertSameRow("row " + (mixed.position() - 1), reference.next(), r, block.schema());
      } else {
        int got = mixed.next(block);
        for (int k = 0; k < got; k++) {
          block.row(k, out);
          assertSameRow("row " + (block.firstRow() + k), reference.next(), out, block.schema());
        }
      }
    }
    assertThat(reference.hasNext()).isFalse();
  }

  @Test
  void blocksMadeElsewhereWithBoxedColumnsGetTheSameValues() {
    // A block whose columns are all OBJECT (or a mix) rather than the generator's own forms: the
    // generator falls back to boxed values, and expressions read their inputs from whatever form.
    long n = rows("t");
    List<Object[]> all = oneByOne("t", 0, n);
    RowGenerator g = synth.generator("t");
    OutputSchema schema = synth.outputSchema("t");
    List<Form> own = g.forms();
    List<Form> boxed = own.stream().map(f -> Form.OBJECT).toList();
    List<Form> mixed = new ArrayList<>();
    for (int i = 0; i < own.size(); i++) {
      mixed.add(i % 2 == 0 ? Form.OBJECT : own.get(i));
    }
    for (List<Form> forms : List.of(boxed, mixed)) {
      RowBlock block = new RowBlock(schema, forms, 333);
      for (long first : new long[] {0, 1234, n - 333}) {
        g.fill(first, 333, block);
        assertBlockMatches("t", block, all, 0);
      }
    }
  }

  @Test
  void blocksOfAllTablesMatchWhenTheGeneratorIsBuiltPerShard() {
    // A generator built fresh per shard (as ShardTask does) sees the same shared dictionaries
    // (faker pools are cached per JVM) and gives the same rows as one generator for the table.
    List<Object[]> all = oneByOne("t", 0, rows("t"));
    for (var shard : synth.shards("t", 7)) {
      RowIterator it = synth.rows(shard);
      RowBlock block = it.newBlock(500);
      while (it.next(block) > 0) {
        assertBlockMatches("t", block, all, 0);
      }
    }
  }
}
