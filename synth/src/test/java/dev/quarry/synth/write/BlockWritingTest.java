package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.quarry.core.formats.ValueType;
import dev.quarry.synth.RowIterator;
import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.generate.BlockGenerationTest;
import dev.quarry.synth.write.ColumnVector.Form;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RowWriter#write(RowBlock)} writes exactly the bytes that writing the block's rows one by
 * one with {@link RowWriter#write(Object[])} does, for every format, block capacity and fragment,
 * typed columns of every form included, down to quoting, nulls, non-ASCII text, unpaired surrogates
 * and decimal edge values.
 */
class BlockWritingTest {

  static final int[] CAPACITIES = {1, 5, 1024};

  static List<String> formats() {
    return OutputFormats.all().stream().map(OutputFormat::name).toList();
  }

  static List<String> textFormats() {
    return OutputFormats.all().stream().filter(OutputFormat::concatenable).map(OutputFormat::name).toList();
  }

  @Test
  void everyFormatIsCovered() {
    assertThat(formats()).containsExactly(
        "csv", "tsv", "json", "jsonl", "sql", "sql:postgresql", "sql:mysql", "sql:sqlite", "xml", "parquet",
        "parquet:zstd");
    for (String alias : List.of("sql:standard", "sql:postgres", "ndjson", "parquet:snappy")) {
      assertThat(formats()).contains(OutputFormats.byName(alias).name());
    }
  }

  // ---------------------------------------------------------------- writing helpers

  @FunctionalInterface
  interface Body {
    void accept(RowWriter w) throws IOException;
  }

  /** What a writer produced: its bytes, or the failure (class and message). */
  record Outcome(byte[] bytes, String error) {
    @Override
    public String toString() {
      return error != null ? "threw " + error : bytes.length + " bytes";
    }
  }

  static Outcome write(OutputFormat format, OutputSchema schema, Fragment fragment, Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RowWriter w = format.open(out, schema, fragment)) {
      body.accept(w);
    } catch (Exception e) {
      return new Outcome(null, e.getClass().getName() + ": " + e.getMessage());
    }
    return new Outcome(out.toByteArray(), null);
  }

  static Outcome rowByRow(OutputFormat format, OutputSchema schema, Fragment fragment, List<Object[]> rows) {
    return write(format, schema, fragment, w -> {
      for (Object[] r : rows) {
        w.write(r.clone());
      }
    });
  }

  static void assertSame(String what, Outcome expected, Outcome actual) {
    if (expected.error() != null || actual.error() != null) {
      assertThat(actual.error()).as(what + ": failure of block vs rows").isEqualTo(expected.error());
      return;
    }
    assertSameBytes(what, expected.bytes(), actual.bytes());
  }

  static void assertSameBytes(String what, byte[] expected, byte[] actual) {
    if (Arrays.equals(expected, actual)) {
      return;
    }
    int at = Arrays.mismatch(expected, actual);
    int from = Math.max(0, at - 60);
    fail(what + ": bytes differ at offset " + at + " (lengths " + expected.length + " vs " + actual.length
        + ")\n  by rows:   " + context(expected, from, at) + "\n  by blocks: " + context(actual, from, at));
  }

  private static String context(byte[] b, int from, int at) {
    int to = Math.min(b.length, at + 60);
    if (from >= to) {
      return "<end>";
    }
    String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    return s.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t") + "   (hex at mismatch: "
        + (at < b.length ? String.format("%02x", b[at]) : "end") + ")";
  }

  // ---------------------------------------------------------------- hand-built tables

  /**
   * A table given column by column in typed cells (null, or a Long for LONG, Double for DOUBLE,
   * Integer id for DICTIONARY, the value for OBJECT), written as blocks of any capacity.
   */
  static final class Table {
    final OutputSchema schema;
    final List<Form> forms;
    final Dictionary[] dictionaries;
    final Object[][] cells;
    final int rows;

    Table(OutputSchema schema, List<Form> forms, Dictionary[] dictionaries, Object[][] cells) {
      this.schema = schema;
      this.forms = forms;
      this.dictionaries = dictionaries;
      this.cells = cells;
      this.rows = cells.length == 0 ? 0 : cells[0].length;
    }

    /** Sets rows {@code [first, first + size)} into {@code block}. */
    void fill(RowBlock block, int first, int size) {
      block.reset(first, size);
      for (int i = 0; i < cells.length; i++) {
        ColumnVector v = block.column(i);
        if (v.form() == Form.DICTIONARY) {
          v.dictionary(dictionaries[i]);
        }
        for (int k = 0; k < size; k++) {
          Object c = cells[i][first + k];
          if (c == null) {
            v.setNull(k);
            continue;
          }
          switch (v.form()) {
            case LONG -> v.setLong(k, (Long) c);
            case DOUBLE -> v.setDouble(k, (Double) c);
            case DICTIONARY -> v.setId(k, (Integer) c);
            case OBJECT -> v.setObject(k, c);
          }
        }
      }
    }

    /** The rows as boxed values, as a block gives them back. */
    List<Object[]> rows() {
      List<Object[]> out = new ArrayList<>();
      if (rows == 0) {
        return out;
      }
      RowBlock all = new RowBlock(schema, forms, rows);
      fill(all, 0, rows);
      for (int k = 0; k < rows; k++) {
        Object[] r = new Object[schema.columns().size()];
        all.row(k, r);
        out.add(r);
      }
      return out;
    }

    /** Rows {@code [from, to)} in blocks of {@code capacity}, one block object reused. */
    void writeBlocks(RowWriter w, int from, int to, int capacity) throws IOException {
      RowBlock block = new RowBlock(schema, forms, capacity);
      for (int first = from; first < to; first += capacity) {
        fill(block, first, Math.min(capacity, to - first));
        w.write(block);
      }
    }
  }

  /** For every format, capacity and a split into fragments: blocks give the bytes of rows. */
  static void assertBlocksWriteLikeRows(Table t, List<String> formatNames) {
    assertBlocksWriteLikeRows(t, formatNames, false);
  }

  /** As above; {@code mayFail}: a format may refuse a value, as long as blocks and rows fail alike. */
  static void assertBlocksWriteLikeRows(Table t, List<String> formatNames, boolean mayFail) {
    List<Object[]> rows = t.rows();
    for (String name : formatNames) {
      OutputFormat format = OutputFormats.byName(name);
      Outcome expected = rowByRow(format, t.schema, Fragment.WHOLE, rows);
      if (!mayFail) {
        assertThat(expected.error()).as(name + ", " + t.schema.table() + " by rows").isNull();
      }
      for (int capacity : capacities(t.rows)) {
        Outcome actual = write(format, t.schema, Fragment.WHOLE, w -> t.writeBlocks(w, 0, t.rows, capacity));
        assertSame(name + ", " + t.schema.table() + ", blocks of " + capacity, expected, actual);
      }
      if (format.concatenable() && t.rows > 2) {
        // fragments of a table written by blocks concatenate to the whole written by rows
        int cut1 = t.rows / 3;
        int cut2 = 2 * t.rows / 3;
        for (int capacity : new int[] {1, 5, 1024}) {
          Outcome a = write(format, t.schema, new Fragment(true, false, 0), w -> t.writeBlocks(w, 0, cut1, capacity));
          Outcome b = write(format, t.schema, new Fragment(false, false, cut1),
              w -> t.writeBlocks(w, cut1, cut2, capacity));
          Outcome c = write(format, t.schema, new Fragment(false, true, cut2),
              w -> t.writeBlocks(w, cut2, t.rows, capacity));
          if (expected.error() == null) {
            assertThat(a.error()).as(name).isNull();
            assertThat(b.error()).as(name).isNull();
            assertThat(c.error()).as(name).isNull();
            assertSameBytes(name + ", " + t.schema.table() + ", three fragments in blocks of " + capacity,
                expected.bytes(), concat(a.bytes(), b.bytes(), c.bytes()));
          }
        }
      }
    }
  }

  static int[] capacities(int rows) {
    return rows > 1024 ? new int[] {1, 5, 1024, rows + 3} : new int[] {1, 5, 1024};
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  static OutputColumn col(String name, ValueType type) {
    return new OutputColumn(name, type, 0, true);
  }

  static OutputColumn dec(String name, int scale) {
    return new OutputColumn(name, ValueType.DECIMAL, scale, true);
  }

  static String csv(OutputFormat format, Table t) {
    Outcome o = write(format, t.schema, Fragment.WHOLE, w -> t.writeBlocks(w, 0, t.rows, 5));
    assertThat(o.error()).isNull();
    return new String(o.bytes(), StandardCharsets.UTF_8);
  }

  // ---------------------------------------------------------------- the all-kinds schema

  static Synthesizer synth;
  static final int GENERATED_ROWS = 800;

  @BeforeAll
  static void parse() {
    synth = Synthesizer.parse(BlockGenerationTest.SCHEMA);
  }

  @ParameterizedTest
  @MethodSource("formats")
  void generatedBlocksOfEveryKindWriteLikeRows(String name) {
    OutputFormat format = OutputFormats.byName(name);
    for (String table : List.of("t", "parents", "few", "pair")) {
      OutputSchema schema = synth.outputSchema(table);
      long n = Math.min(GENERATED_ROWS, synth.schema().table(table).rows());
      List<Object[]> rows = new ArrayList<>();
      synth.rows(table, 0, n).forEachRemaining(rows::add);
      Outcome expected = rowByRow(format, schema, Fragment.WHOLE, rows);
      assertThat(expected.error()).as(name + " " + table + " by rows").isNull();
      for (int capacity : CAPACITIES) {
        Outcome actual = write(format, schema, Fragment.WHOLE, w -> {
          RowIterator it = synth.rows(table, 0, n);
          RowBlock block = it.newBlock(capacity);
          while (it.next(block) > 0) {
            w.write(block);
          }
        });
        assertSame(name + ", table " + table + ", blocks of " + capacity, expected, actual);
      }
      if (format.concatenable() && n > 2) {
        // shards as TableWriter makes them, each written by blocks
        for (int shards : new int[] {2, 7}) {
          ByteArrayOutputStream whole = new ByteArrayOutputStream();
          long from = 0;
          for (int s = 0; s < shards; s++) {
            long to = n * (s + 1) / shards;
            long f = from;
            Outcome part = write(format, schema, new Fragment(s == 0, s == shards - 1, from), w -> {
              RowIterator it = synth.rows(table, f, to);
              RowBlock block = it.newBlock(1024);
              while (it.next(block) > 0) {
                w.write(block);
              }
            });
            assertThat(part.error()).isNull();
            whole.writeBytes(part.bytes());
            from = to;
          }
          assertSameBytes(name + ", table " + table + ", " + shards + " fragments by blocks",
              expected.bytes(), whole.toByteArray());
        }
      }
    }
  }

  @ParameterizedTest
  @MethodSource("formats")
  void rowsAndBlocksMayBeMixedInOneWriter(String name) {
    OutputFormat format = OutputFormats.byName(name);
    OutputSchema schema = synth.outputSchema("t");
    List<Object[]> rows = new ArrayList<>();
    synth.rows("t", 0, 900).forEachRemaining(rows::add);
    Outcome expected = rowByRow(format, schema, Fragment.WHOLE, rows);
    Outcome actual = write(format, schema, Fragment.WHOLE, w -> {
      RowIterator it = synth.rows("t", 0, 900);
      var g = synth.generator("t");
      RowBlock small = it.newBlock(7);
      RowBlock big = it.newBlock(2048); // above the default capacity
      int step = 0;
      while (it.hasNext()) {
        switch (step++ % 4) {
          case 0 -> w.write(it.next());
          case 1 -> {
            it.next(small);
            w.write(small);
          }
          case 2 -> {
            RowBlock empty = it.newBlock(3);
            g.fill(it.position(), 0, empty);
            w.write(empty); // nothing
            w.write(it.next());
          }
          default -> {
            it.next(big);
            w.write(big);
          }
        }
      }
    });
    assertSame(name + ", rows and blocks mixed", expected, actual);
  }

  @ParameterizedTest
  @MethodSource("formats")
  void anEmptyOutputIsTheSame(String name) {
    OutputFormat format = OutputFormats.byName(name);
    OutputSchema schema = synth.outputSchema("parents");
    Outcome expected = rowByRow(format, schema, Fragment.WHOLE, List.of());
    Outcome actual = write(format, schema, Fragment.WHOLE, w -> {
      var g = synth.generator("parents");
      RowBlock block = g.newBlock(4);
      g.fill(0, 0, block);
      w.write(block);
    });
    assertSame(name + ", empty block", expected, actual);
  }

  @Test
  void nonAsciiEnumValuesAndConstantsThroughTheGenerator() throws Exception {
    Synthesizer s = Synthesizer.parse("""
        seed: 5
        tables:
          u:
            rows: 3000
            fields:
              e:  {kind: enum, values: ["😀", "日本語", "é,è", "😀😁 \\"x\\"", "a\\tb", "line\\nbreak", "cr\\rx", "", "🇫🇷"], nulls: 0.1}
              c:  {constant: "ünïcödé 😀, \\"q\\""}
              c2: {constant: "\\t"}
              e1: {kind: enum, values: ["𝄞"], nulls: 0.5}
        """);
    OutputSchema schema = s.outputSchema("u");
    List<Object[]> rows = new ArrayList<>();
    s.rows("u", 0, 3000).forEachRemaining(rows::add);
    for (String name : formats()) {
      OutputFormat format = OutputFormats.byName(name);
      Outcome expected = rowByRow(format, schema, Fragment.WHOLE, rows);
      for (int capacity : CAPACITIES) {
        Outcome actual = write(format, schema, Fragment.WHOLE, w -> {
          RowIterator it = s.rows("u", 0, 3000);
          RowBlock block = it.newBlock(capacity);
          assertThat(block.column(0).form()).isEqualTo(Form.DICTIONARY);
          while (it.next(block) > 0) {
            w.write(block);
          }
        });
        assertSame(name + ", unicode enum, blocks of " + capacity, expected, actual);
      }
    }
    // and the CSV/TSV text is what RFC 4180 quoting of those values gives, in UTF-8
    for (char delimiter : new char[] {',', '\t'}) {
      OutputFormat format = delimiter == ',' ? OutputFormats.CSV : OutputFormats.TSV;
      StringBuilder text = new StringBuilder(String.join(String.valueOf(delimiter), "e", "c", "c2", "e1")).append('\n');
      for (Object[] r : rows) {
        for (int i = 0; i < r.length; i++) {
          text.append(i > 0 ? String.valueOf(delimiter) : "").append(expectedCell((String) r[i], delimiter));
        }
        text.append('\n');
      }
      Outcome actual = write(format, schema, Fragment.WHOLE, w -> {
        RowIterator it = s.rows("u", 0, 3000);
        RowBlock block = it.newBlock(1024);
        while (it.next(block) > 0) {
          w.write(block);
        }
      });
      assertSameBytes(format.name() + " text", text.toString().getBytes(StandardCharsets.UTF_8), actual.bytes());
    }
  }

  /** An RFC 4180 cell, as the CSV writer promises (null is an empty field, "" is quoted). */
  static String expectedCell(String v, char delimiter) {
    if (v == null) {
      return "";
    }
    boolean quote = v.isEmpty() || v.indexOf(delimiter) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0
        || v.indexOf('\r') >= 0;
    return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
  }

  // ---------------------------------------------------------------- strings

  static final String[] HOSTILE = {
    "", "plain", "comma, inside", "quote \" inside", "\"starts", "ends\"", "\"\"", "new\nline", "crlf\r\nline",
    "lone\rcr", "tab\tinside", "\t", ",", "\n", "\r", " ", " padded ", "semi;colon", "it's", "NULL", "\\N",
    "back\\slash", "<tag> & ]]>", "control \u0001 \u001f \u007f", "é", "日本", "😀", "a😀b", "😀😁😂",
    "\u2028\u2029", "\uFEFFbom", "𝄞 clef", "🇫🇷🏳️‍🌈", "ÿ", "\u0080", "\u07FF\u0800\uFFFF",
    // unpaired surrogates: UTF-8 cannot hold them; they must come out the same either way
    "\uD83D", "\uDE00", "x\uD83Dy", "x\uDE00y", "\uD83D\uD83D", "\uDE00\uD83D", "end high\uD83D", "\uDE00start low",
  };

  static Table strings(char delimiterHint) {
    int n = HOSTILE.length * 3;
    Dictionary dict = new Dictionary(HOSTILE);
    Object[] ids = new Object[n];
    Object[] objects = new Object[n];
    Object[] numbers = new Object[n];
    Object[] dict2 = new Object[n];
    for (int k = 0; k < n; k++) {
      int v = k % HOSTILE.length;
      ids[k] = k % 7 == 6 ? null : v;
      objects[k] = k % 5 == 4 ? null : HOSTILE[(v * 7 + 3) % HOSTILE.length];
      numbers[k] = (long) k;
      dict2[k] = (HOSTILE.length - 1 - v);
    }
    OutputSchema schema = new OutputSchema("strings " + delimiterHint, List.of(
        col("dict, \"quoted\"", ValueType.STRING), col("obj\tcol", ValueType.STRING),
        new OutputColumn("n", ValueType.INTEGER, 0, false), col("dict2", ValueType.STRING)));
    return new Table(schema, List.of(Form.DICTIONARY, Form.OBJECT, Form.LONG, Form.DICTIONARY),
        new Dictionary[] {dict, null, null, dict}, new Object[][] {ids, objects, numbers, dict2});
  }

  @Test
  void stringsNeedingQuotesAndUnpairedSurrogates() {
    Table t = strings('x');
    assertBlocksWriteLikeRows(t, formats());
    // CSV and TSV as text: quoting, and UTF-8 with '?' for an unpaired surrogate (as the JDK's
    // encoder, which String.getBytes uses, writes it)
    for (char delimiter : new char[] {',', '\t'}) {
      OutputFormat format = delimiter == ',' ? OutputFormats.CSV : OutputFormats.TSV;
      StringBuilder text = new StringBuilder();
      List<String> header = t.schema.columns().stream().map(c -> expectedCell(c.name(), delimiter)).toList();
      text.append(String.join(String.valueOf(delimiter), header)).append('\n');
      for (Object[] r : t.rows()) {
        for (int i = 0; i < r.length; i++) {
          text.append(i > 0 ? String.valueOf(delimiter) : "")
              .append(r[i] instanceof String str ? expectedCell(str, delimiter) : r[i] == null ? "" : r[i].toString());
        }
        text.append('\n');
      }
      Outcome actual = write(format, t.schema, Fragment.WHOLE, w -> t.writeBlocks(w, 0, t.rows, 5));
      assertSameBytes(format.name() + " text of hostile strings", text.toString().getBytes(StandardCharsets.UTF_8),
          actual.bytes());
    }
  }

  @Test
  void oneDictionaryWrittenByCsvAndTsvKeepsEachQuoting() {
    // The cells of a dictionary are cached per JVM by encoding; CSV and TSV quote differently
    // ("a,b" only in CSV, "a\tb" only in TSV), so their cells must not be shared.
    Dictionary dict = new Dictionary(new String[] {"a,b", "a\tb", "plain", "q\"q", ""});
    Object[] ids = {0, 1, 2, 3, 4, null, 0, 1};
    Table t = new Table(new OutputSchema("d", List.of(col("s", ValueType.STRING), col("t", ValueType.STRING))),
        List.of(Form.DICTIONARY, Form.OBJECT), new Dictionary[] {dict, null},
        new Object[][] {ids, {"x", "y", "z", "w", "v", "u", "t", "s"}});
    for (int round = 0; round < 2; round++) {
      assertThat(csv(OutputFormats.CSV, t)).isEqualTo("s,t\n\"a,b\",x\na\tb,y\nplain,z\n\"q\"\"q\",w\n\"\",v\n,u\n\"a,b\",t\na\tb,s\n");
      assertThat(csv(OutputFormats.TSV, t)).isEqualTo("s\tt\na,b\tx\n\"a\tb\"\ty\nplain\tz\n\"q\"\"q\"\tw\n\"\"\tv\n\tu\na,b\tt\n\"a\tb\"\ts\n");
    }
    assertBlocksWriteLikeRows(t, formats());
  }

  @Test
  void aColumnWhoseDictionaryChangesFromBlockToBlock() {
    Dictionary first = new Dictionary(new String[] {"one", "two, with comma"});
    Dictionary second = new Dictionary(new String[] {"é\"", "😀", "three"});
    OutputSchema schema = new OutputSchema("x", List.of(col("s", ValueType.STRING), col("i", ValueType.INTEGER)));
    List<Form> forms = List.of(Form.DICTIONARY, Form.LONG);
    for (String name : formats()) {
      OutputFormat format = OutputFormats.byName(name);
      List<Object[]> rows = List.of(new Object[] {"one", 1L}, new Object[] {"two, with comma", 2L},
          new Object[] {"😀", 3L}, new Object[] {"é\"", null}, new Object[] {null, 5L}, new Object[] {"three", 6L},
          new Object[] {"two, with comma", 7L});
      Outcome expected = rowByRow(format, schema, Fragment.WHOLE, rows);
      Outcome actual = write(format, schema, Fragment.WHOLE, w -> {
        RowBlock b = new RowBlock(schema, forms, 3000); // above the default capacity, and reused
        b.reset(0, 2);
        b.column(0).dictionary(first);
        b.column(0).setId(0, 0);
        b.column(0).setId(1, 1);
        b.column(1).setLong(0, 1);
        b.column(1).setLong(1, 2);
        w.write(b);
        b.reset(2, 4);
        b.column(0).dictionary(second);
        b.column(0).setId(0, 1);
        b.column(0).setId(1, 0);
        b.column(0).setNull(2);
        b.column(0).setId(3, 2);
        b.column(1).setLong(0, 3);
        b.column(1).setNull(1);
        b.column(1).setLong(2, 5);
        b.column(1).setLong(3, 6);
        w.write(b);
        b.reset(6, 1);
        b.column(0).dictionary(first);
        b.column(0).setId(0, 1);
        b.column(1).setLong(0, 7);
        w.write(b);
      });
      assertSame(name + ", changing dictionaries", expected, actual);
    }
  }

  @Test
  void longStringsAndManyMultiByteCharsCrossEveryBufferBoundary() {
    // values longer than any writer buffer, and enough multi-byte text that buffer ends fall inside
    // the UTF-8 bytes of a char and between the halves of surrogate pairs
    StringBuilder longDict = new StringBuilder();
    StringBuilder longObject = new StringBuilder();
    for (int i = 0; i < 40_000; i++) {
      longDict.append(i % 3 == 0 ? 'é' : i % 3 == 1 ? '😀' : ',');
    }
    for (int i = 0; i < 70_000; i++) {
      longObject.append(i % 5 == 0 ? "日" : i % 5 == 1 ? "\"" : i % 5 == 2 ? "𝄞" : "a");
    }
    String[] values = {longDict.toString(), "é", "😀", "ab", "日本", "x😀", "\uD83D", longDict.substring(1) + "\uD83D"};
    Dictionary dict = new Dictionary(values);
    SplittableRandom random = new SplittableRandom(3);
    int n = 6000;
    Object[] ids = new Object[n];
    Object[] objects = new Object[n];
    for (int k = 0; k < n; k++) {
      ids[k] = k % 1000 == 7 ? 0 : k % 1000 == 8 ? 7 : 1 + random.nextInt(values.length - 3);
      objects[k] = k % 1500 == 3 ? longObject.toString() : k % 11 == 0 ? null : values[1 + random.nextInt(5)] + k;
    }
    Table t = new Table(new OutputSchema("long", List.of(col("d", ValueType.STRING), col("o", ValueType.STRING))),
        List.of(Form.DICTIONARY, Form.OBJECT), new Dictionary[] {dict, null}, new Object[][] {ids, objects});
    assertBlocksWriteLikeRows(t, textFormats());
    // CSV text against the JDK's UTF-8 encoding
    StringBuilder text = new StringBuilder("d,o\n");
    for (Object[] r : t.rows()) {
      text.append(expectedCell((String) r[0], ',')).append(',').append(expectedCell((String) r[1], ',')).append('\n');
    }
    Outcome actual = write(OutputFormats.CSV, t.schema, Fragment.WHOLE, w -> t.writeBlocks(w, 0, t.rows, 1024));
    assertSameBytes("csv text of long strings", text.toString().getBytes(StandardCharsets.UTF_8), actual.bytes());
  }

  // ---------------------------------------------------------------- one-column tables and nulls

  @ParameterizedTest
  @MethodSource("formats")
  void oneColumnTablesWithNullsInEveryForm(String name) {
    Dictionary dict = new Dictionary(new String[] {"x", "", "y,z"});
    record Case(OutputColumn column, Form form, Dictionary dict, Object[] cells) {}
    List<Case> cases = List.of(
        new Case(col("s", ValueType.STRING), Form.DICTIONARY, dict, new Object[] {null, 0, 1, null, null, 2, null}),
        new Case(col("s", ValueType.STRING), Form.OBJECT, null, new Object[] {null, "x", "", null, null, "y,z", null}),
        new Case(col("n", ValueType.INTEGER), Form.LONG, null, new Object[] {null, 1L, -1L, null, Long.MIN_VALUE, null}),
        new Case(col("n", ValueType.INTEGER), Form.OBJECT, null, new Object[] {null, 1L, 7, null, (short) 3, null}),
        new Case(col("f", ValueType.FLOAT), Form.DOUBLE, null, new Object[] {null, 0.5, null, -0.0, null}),
        new Case(col("f", ValueType.FLOAT), Form.OBJECT, null, new Object[] {null, 0.5, 2.5f, null}),
        new Case(dec("d", 2), Form.LONG, null, new Object[] {null, -5L, null, 0L, null}),
        new Case(dec("d", 2), Form.OBJECT, null, new Object[] {null, new BigDecimal("-0.05"), null, new BigDecimal("3.1")}),
        new Case(col("b", ValueType.BOOLEAN), Form.LONG, null, new Object[] {null, 1L, 0L, null}),
        new Case(col("dt", ValueType.DATE), Form.LONG, null, new Object[] {null, 0L, -1L, null}),
        new Case(col("tm", ValueType.TIME), Form.LONG, null, new Object[] {null, 0L, 1_500_000_000L, null}),
        new Case(col("ts", ValueType.DATETIME), Form.LONG, null, new Object[] {null, 0L, -86_401L, null}),
        new Case(col("ts", ValueType.DATETIME), Form.OBJECT, null,
            new Object[] {null, LocalDateTime.of(2024, 2, 29, 13, 5), null}),
        new Case(col("only nulls", ValueType.STRING), Form.DICTIONARY, new Dictionary(new String[0]),
            new Object[] {null, null, null}),
        new Case(col("only nulls", ValueType.INTEGER), Form.LONG, null, new Object[] {null, null}));
    for (Case c : cases) {
      Table t = new Table(new OutputSchema("one " + c.column().type() + " " + c.form(), List.of(c.column())),
          List.of(c.form()), new Dictionary[] {c.dict()}, new Object[][] {c.cells()});
      assertBlocksWriteLikeRows(t, List.of(name));
    }
  }

  @Test
  void aDictionaryColumnWithoutIdsNeedsNoDictionary() {
    // A DICTIONARY vector whose rows are all null (or a block of no rows) has no ids to look up;
    // its rows box to nulls, so writing the block must work like writing those rows.
    Object[] allNull = {null, null, null};
    Table t = new Table(new OutputSchema("nulls", List.of(col("s", ValueType.STRING), col("n", ValueType.INTEGER))),
        List.of(Form.DICTIONARY, Form.LONG), new Dictionary[2], new Object[][] {allNull, {1L, 2L, 3L}});
    assertThat(t.rows()).allSatisfy(r -> assertThat(r[0]).isNull());
    assertBlocksWriteLikeRows(t, formats());
  }

  @Test
  void csvWritesQuotesForANullInAOneColumnTable() {
    Dictionary dict = new Dictionary(new String[] {"x", ""});
    Table strings = new Table(new OutputSchema("t", List.of(col("a", ValueType.STRING))), List.of(Form.DICTIONARY),
        new Dictionary[] {dict}, new Object[][] {{null, 0, 1, null}});
    assertThat(csv(OutputFormats.CSV, strings)).isEqualTo("a\n\"\"\nx\n\"\"\n\"\"\n");
    assertThat(csv(OutputFormats.TSV, strings)).isEqualTo("a\n\"\"\nx\n\"\"\n\"\"\n");
    Table longs = new Table(new OutputSchema("t", List.of(col("n", ValueType.INTEGER))), List.of(Form.LONG),
        new Dictionary[1], new Object[][] {{null, 5L, null}});
    assertThat(csv(OutputFormats.CSV, longs)).isEqualTo("n\n\"\"\n5\n\"\"\n");
    Table doubles = new Table(new OutputSchema("t", List.of(col("f", ValueType.FLOAT))), List.of(Form.DOUBLE),
        new Dictionary[1], new Object[][] {{null, 1.0}});
    assertThat(csv(OutputFormats.CSV, doubles)).isEqualTo("f\n\"\"\n1.0\n");
    // with two columns a null is an empty field
    Table two = new Table(new OutputSchema("t", List.of(col("a", ValueType.STRING), col("n", ValueType.INTEGER))),
        List.of(Form.DICTIONARY, Form.LONG), new Dictionary[] {dict, null}, new Object[][] {{null, 1, 0}, {null, null, 2L}});
    assertThat(csv(OutputFormats.CSV, two)).isEqualTo("a,n\n,\n\"\",\nx,2\n");
  }

  // ---------------------------------------------------------------- numbers, dates and times

  static final long[] UNSCALED = {
    0, 1, -1, 5, -5, 9, -9, 10, -10, 99, -99, 100, -100, 101, -101, 12_345, -12_345, 1_000_000_007L,
    -999_999_999_999_999_999L, 999_999_999_999_999_999L, 1_000_000_000_000_000_000L, -1_000_000_000_000_000_000L,
    Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -Long.MAX_VALUE, Long.MAX_VALUE / 4, -(Long.MAX_VALUE / 4)
  };

  @Test
  void decimalsHeldAsUnscaledLongs() {
    for (int scale : new int[] {0, 1, 2, 3, 9, 17, 18}) {
      int n = UNSCALED.length;
      Object[] cells = new Object[n + 1];
      for (int k = 0; k < n; k++) {
        cells[k] = UNSCALED[k];
      }
      Object[] objects = new Object[n + 1];
      for (int k = 0; k < n; k++) {
        objects[k] = BigDecimal.valueOf(UNSCALED[k], scale);
      }
      OutputSchema schema = new OutputSchema("dec" + scale,
          List.of(dec("d", scale), dec("o", scale), new OutputColumn("k", ValueType.INTEGER, 0, false)));
      Object[] keys = new Object[n + 1];
      for (int k = 0; k <= n; k++) {
        keys[k] = (long) k;
      }
      Table t = new Table(schema, List.of(Form.LONG, Form.OBJECT, Form.LONG), new Dictionary[3],
          new Object[][] {cells, objects, keys});
      assertBlocksWriteLikeRows(t, formats());
      // CSV text: plain notation with exactly `scale` digits, e.g. -5 at scale 2 is -0.05
      StringBuilder text = new StringBuilder("d,o,k\n");
      for (int k = 0; k < n; k++) {
        String plain = BigDecimal.valueOf(UNSCALED[k], scale).toPlainString();
        text.append(plain).append(',').append(plain).append(',').append(k).append('\n');
      }
      text.append(",,").append(n).append('\n');
      assertThat(csv(OutputFormats.CSV, t)).as("scale " + scale).isEqualTo(text.toString());
    }
    Table t = new Table(new OutputSchema("d", List.of(dec("a", 2), dec("b", 3), dec("c", 0))),
        List.of(Form.LONG, Form.LONG, Form.LONG), new Dictionary[3], new Object[][] {{-5L}, {0L}, {-5L}});
    assertThat(csv(OutputFormats.CSV, t)).isEqualTo("a,b,c\n-0.05,0.000,-5\n");
    assertThat(csv(OutputFormats.TSV, t)).isEqualTo("a\tb\tc\n-0.05\t0.000\t-5\n");
  }

  @Test
  void decimalObjectsOfAnotherScaleThanTheColumn() {
    Object[] values = {new BigDecimal("1.5"), new BigDecimal("1.005"), new BigDecimal("1.015"), new BigDecimal("-0.001"),
        new BigDecimal("7"), new BigDecimal("1E+3"), new BigDecimal("-2.50000"), null};
    Table t = new Table(new OutputSchema("d", List.of(dec("d", 2))), List.of(Form.OBJECT), new Dictionary[1],
        new Object[][] {values});
    assertBlocksWriteLikeRows(t, formats());
    assertThat(csv(OutputFormats.CSV, t)).isEqualTo("d\n1.50\n1.00\n1.02\n0.00\n7.00\n1000.00\n-2.50\n\"\"\n");
  }

  @Test
  void integersBooleansAndDoublesAtTheirEdges() {
    long[] longs = {0, 1, -1, 9, 10, -10, Integer.MAX_VALUE, Integer.MIN_VALUE, 1L << 53, -(1L << 53) - 1,
        Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, 999_999_999_999_999_999L};
    double[] doubles = {0.0, -0.0, 0.1, -2.5, 1e300, -1e-300, 1e21, 1e20, 9.999999999999999e20, 12345678.9, 1e-7,
        -1e-7, 1.5e-8, 3.0, 1e23, 123.456, Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_NORMAL, 1.0 / 3,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    int n = Math.max(longs.length, doubles.length) + 2;
    Object[] l = new Object[n];
    Object[] d = new Object[n];
    Object[] b = new Object[n];
    Object[] lo = new Object[n];
    Object[] dobj = new Object[n];
    for (int k = 0; k < n; k++) {
      l[k] = k < longs.length ? longs[k] : null;
      lo[k] = k < longs.length ? longs[k] : null;
      d[k] = k < doubles.length ? doubles[k] : null;
      dobj[k] = k < doubles.length ? doubles[k] : null;
      b[k] = k % 3 == 2 ? null : (long) (k % 3);
    }
    Table t = new Table(new OutputSchema("nums", List.of(col("l", ValueType.INTEGER), col("d", ValueType.FLOAT),
        col("b", ValueType.BOOLEAN), col("lo", ValueType.INTEGER), col("do", ValueType.FLOAT))),
        List.of(Form.LONG, Form.DOUBLE, Form.LONG, Form.OBJECT, Form.OBJECT), new Dictionary[5],
        new Object[][] {l, d, b, lo, dobj});
    assertBlocksWriteLikeRows(t, formats());
    String csv = csv(OutputFormats.CSV, t);
    assertThat(csv).contains("\n9223372036854775807,").contains("\n-9223372036854775808,")
        .contains(",NaN,").contains(",Infinity,").contains(",-Infinity,").contains(",-0.0,").contains(",true,")
        .contains(",false,");
  }

  @Test
  void datesTimesAndDateTimesAtTheirEdges() {
    long[] days = {0, -1, 1, LocalDate.of(1900, 1, 1).toEpochDay(), LocalDate.of(0, 1, 1).toEpochDay(),
        LocalDate.of(-1, 12, 31).toEpochDay(), LocalDate.of(1, 1, 1).toEpochDay(), LocalDate.of(9999, 12, 31).toEpochDay(),
        LocalDate.of(10000, 1, 1).toEpochDay(), LocalDate.of(2024, 2, 29).toEpochDay(), LocalDate.MIN.toEpochDay(),
        LocalDate.MAX.toEpochDay()};
    long[] nanos = {0, 1, 999, 1_000, 1_000_000, 999_000_000, 1_000_000_000, 59_999_999_999L,
        LocalTime.of(12, 34, 56).toNanoOfDay(), LocalTime.of(12, 34, 56, 120_000_000).toNanoOfDay(),
        LocalTime.of(12, 34, 56, 123_400).toNanoOfDay(), LocalTime.MAX.toNanoOfDay()};
    long[] seconds = {0, -1, 1, -86_400, 951_782_400, LocalDateTime.of(0, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
        LocalDateTime.of(-1, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC),
        LocalDateTime.of(9999, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC),
        LocalDateTime.of(10000, 1, 1, 0, 0).toEpochSecond(ZoneOffset.UTC),
        LocalDateTime.of(1969, 12, 31, 23, 59, 59).toEpochSecond(ZoneOffset.UTC),
        LocalDateTime.of(2024, 2, 29, 13, 5).toEpochSecond(ZoneOffset.UTC), 253_402_300_799L};
    int n = 14;
    Object[] dc = new Object[n];
    Object[] tc = new Object[n];
    Object[] sc = new Object[n];
    for (int k = 0; k < n; k++) {
      dc[k] = k < days.length ? days[k] : null;
      tc[k] = k < nanos.length ? nanos[k] : null;
      sc[k] = k < seconds.length ? seconds[k] : null;
    }
    Table t = new Table(new OutputSchema("when", List.of(col("d", ValueType.DATE), col("t", ValueType.TIME),
        col("s", ValueType.DATETIME))), List.of(Form.LONG, Form.LONG, Form.LONG), new Dictionary[3],
        new Object[][] {dc, tc, sc});
    // Parquet refuses dates outside its int32 days (LocalDate.MIN/MAX), the same way either path
    assertBlocksWriteLikeRows(t, formats(), true);
    assertBlocksWriteLikeRows(t, textFormats());
    Object[] inRange = dc.clone();
    inRange[10] = null;
    inRange[11] = null;
    Table parquetable = new Table(t.schema, t.forms, t.dictionaries, new Object[][] {inRange, tc, sc});
    assertBlocksWriteLikeRows(parquetable, formats());
    String csv = csv(OutputFormats.CSV, t);
    assertThat(csv).contains("\n1970-01-01,00:00:00,1970-01-01T00:00:00\n")
        .contains("\n1969-12-31,00:00:00.000000001,1969-12-31T23:59:59\n")
        .contains("\n+10000-01-01,")
        .contains(",12:34:56.120,")
        .contains(",12:34:56.000123400,")
        .contains(",23:59:59.999999999,");
  }

  @Test
  void aWideTableMixingEveryFormWritesLikeRowsInLargeBlocks() {
    SplittableRandom random = new SplittableRandom(42);
    int n = 3000;
    Dictionary dict = new Dictionary(HOSTILE);
    List<OutputColumn> columns = List.of(
        col("s", ValueType.STRING), col("o", ValueType.STRING), col("i", ValueType.INTEGER), col("f", ValueType.FLOAT),
        dec("d2", 2), dec("d0", 0), col("b", ValueType.BOOLEAN), col("dt", ValueType.DATE), col("tm", ValueType.TIME),
        col("ts", ValueType.DATETIME), dec("d6", 6));
    List<Form> forms = List.of(Form.DICTIONARY, Form.OBJECT, Form.LONG, Form.DOUBLE, Form.LONG, Form.LONG, Form.LONG,
        Form.LONG, Form.LONG, Form.LONG, Form.OBJECT);
    Object[][] cells = new Object[columns.size()][n];
    for (int k = 0; k < n; k++) {
      boolean nulls = random.nextInt(10) == 0;
      cells[0][k] = nulls ? null : random.nextInt(HOSTILE.length);
      cells[1][k] = random.nextInt(8) == 0 ? null : HOSTILE[random.nextInt(HOSTILE.length)] + k;
      cells[2][k] = nulls ? null : random.nextLong();
      cells[3][k] = random.nextInt(8) == 0 ? null : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-12, 25));
      cells[4][k] = nulls ? null : random.nextLong(-100_000_000_000L, 100_000_000_000L);
      cells[5][k] = random.nextInt(8) == 0 ? null : random.nextLong(-1_000_000, 1_000_000);
      cells[6][k] = nulls ? null : (long) random.nextInt(2);
      cells[7][k] = nulls ? null : random.nextLong(-200_000, 200_000);
      cells[8][k] = random.nextInt(8) == 0 ? null : random.nextLong(0, 86_400_000_000_000L);
      cells[9][k] = nulls ? null : random.nextLong(-5_000_000_000L, 5_000_000_000L);
      cells[10][k] = random.nextInt(8) == 0 ? null : BigDecimal.valueOf(random.nextLong(), 6);
    }
    Table t = new Table(new OutputSchema("wide", columns), forms, new Dictionary[] {dict, null, null, null, null,
        null, null, null, null, null, null}, cells);
    assertBlocksWriteLikeRows(t, formats());
  }
}
