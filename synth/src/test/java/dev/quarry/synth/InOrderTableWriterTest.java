package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.synth.write.Fragment;
import dev.quarry.synth.write.OutputFormat;
import dev.quarry.synth.write.OutputFormats;
import dev.quarry.synth.write.RowWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The in-order path of {@link TableWriter} (in-process engines, shards streamed through {@link
 * InOrderOutput}) and the temporary-file path (an engine that verifies serialization) write the
 * same bytes as one writer writing row by row, for any number of workers and shards.
 */
class InOrderTableWriterTest {

  /** Every value type; about 100 bytes a row in CSV, so a 200,000-row shard makes many chunks. */
  private static final String SCHEMA = """
      seed: 13
      tables:
        big:
          rows: 200000
          fields:
            id:    {kind: sequence, start: 1}
            name:  {kind: faker, provider: name.firstName, pool: 500}
            tier:  {kind: enum, values: {"gold, \\"plus\\"": 1, "silver": 3, "brönze 😀": 6}, nulls: 0.05}
            age:   {kind: int, min: 0, max: 99, nulls: 0.1}
            score: {kind: float, min: -1, max: 1}
            price: {kind: decimal, min: -10, max: 1000, scale: 2}
            born:  {kind: date, min: 1950-01-01, max: 2010-12-31}
            at:    {kind: time}
            seen:  {kind: datetime, nulls: 0.2}
            vip:   {kind: boolean, probability: 0.2}
            code:  {kind: string, length: 6, chars: "ab,\\"\\n"}
            total: {kind: expr, expr: "price * 2 + age", type: decimal, scale: 2}
        small:
          rows: 10000
          fields:
            id:    {kind: sequence, start: 1}
            name:  {kind: faker, provider: name.fullName, pool: 100}
            tier:  {kind: enum, values: ["a", "b,c", "d\\"e", ""], nulls: 0.1}
            n:     {kind: int, min: -5, max: 5, nulls: 0.3}
            x:     {kind: float, min: 0, max: 1000000}
            money: {kind: decimal, min: -1, max: 1, scale: 3}
            day:   {kind: date, nulls: 0.1}
            flag:  {kind: boolean}
            note:  {kind: text, words: [0, 4]}
            uid:   {kind: uuid}
      """;

  private static final List<String> FORMATS = List.of("csv", "jsonl", "json", "xml", "sql:postgresql");
  private static final int[] SHARDS = {1, 3, 8, 50};

  private static Synthesizer synth;
  private static Map<String, LocalEngine> engines;
  private static final Map<String, String> reference = new HashMap<>();

  @BeforeAll
  static void setUp() {
    synth = Synthesizer.parse(SCHEMA);
    engines = new java.util.LinkedHashMap<>();
    engines.put("local(1)", new LocalEngine(1));
    engines.put("local(2)", new LocalEngine(2));
    engines.put("local(3)", new LocalEngine(3));
    engines.put("verifySerialization", LocalEngine.builder().workers(2).verifySerialization(true).build());
  }

  @AfterAll
  static void tearDown() {
    engines.values().forEach(LocalEngine::close);
  }

  private static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  /** One writer, every row one by one with write(Object[]): what every run must reproduce. */
  private static String expectedSha(String table, String format) throws Exception {
    String key = table + "/" + format;
    String known = reference.get(key);
    if (known != null) {
      return known;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (RowWriter w = OutputFormats.byName(format).open(out, synth.outputSchema(table), Fragment.WHOLE)) {
      RowIterator it = synth.rows(table, 0, synth.schema().table(table).rows());
      while (it.hasNext()) {
        w.write(it.next());
      }
    }
    String sha = sha(out.toByteArray());
    reference.put(key, sha);
    return sha;
  }

  private static byte[] write(String table, String format, Engine engine, int shards) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TableWriter.Result r = TableWriter.write(synth, table, OutputFormats.byName(format), out, engine,
        RunOptions.defaults(), shards);
    assertThat(r.table()).isEqualTo(table);
    assertThat(r.rows()).isEqualTo(synth.schema().table(table).rows());
    assertThat(r.bytes()).isEqualTo(out.size());
    return out.toByteArray();
  }

  private static Set<Path> tempDirs() throws IOException {
    try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return s.filter(p -> p.getFileName().toString().startsWith("quarry-synth-")).collect(Collectors.toSet());
    }
  }

  @Test
  void theEnginesTakeTheirPaths() {
    assertThat(engines.get("local(2)").sharesTaskObjects()).isTrue();
    assertThat(engines.get("verifySerialization").sharesTaskObjects()).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "jsonl", "json", "xml", "sql:postgresql"})
  void sameBytesForEveryEngineAndShardCount(String format) throws Exception {
    Set<Path> before = tempDirs();
    String expected = expectedSha("small", format);
    for (Map.Entry<String, LocalEngine> e : engines.entrySet()) {
      for (int shards : SHARDS) {
        assertThat(sha(write("small", format, e.getValue(), shards)))
            .as("%s on %s with %d shards", format, e.getKey(), shards).isEqualTo(expected);
      }
    }
    assertThat(tempDirs()).as("temporary folders left").isSubsetOf(before);
  }

  @Test
  void aBigTableOfManyChunksPerShardIsTheSameToo() throws Exception {
    Set<Path> before = tempDirs();
    // every engine and every shard count at least once, for the in-order and the temporary-file path
    Object[][] runs = {
      {"csv", "local(1)", 1}, {"csv", "local(2)", 3}, {"csv", "local(3)", 8}, {"csv", "verifySerialization", 50},
      {"csv", "local(3)", 50}, {"csv", "verifySerialization", 3},
      {"jsonl", "local(2)", 1}, {"jsonl", "local(3)", 3}, {"jsonl", "verifySerialization", 8},
    };
    for (Object[] run : runs) {
      String format = (String) run[0];
      int shards = (Integer) run[2];
      byte[] bytes = write("big", format, engines.get((String) run[1]), shards);
      if (shards == 1) {
        // one shard of the whole table: many chunks of TableWriter.CHUNK_BYTES
        assertThat(bytes.length).isGreaterThan(8 * TableWriter.CHUNK_BYTES);
      }
      assertThat(sha(bytes)).as("%s on %s with %d shards", format, run[1], shards)
          .isEqualTo(expectedSha("big", format));
    }
    assertThat(tempDirs()).as("temporary folders left").isSubsetOf(before);
  }

  @Test
  void aNonConcatenableFormatAndTheDefaultShardCountAgreeToo() throws Exception {
    String parquet = null;
    for (LocalEngine engine : engines.values()) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      TableWriter.write(synth, "small", OutputFormats.PARQUET, out, engine, RunOptions.defaults(), 8);
      String sha = sha(out.toByteArray());
      parquet = parquet == null ? sha : parquet;
      assertThat(sha).isEqualTo(parquet);
      ByteArrayOutputStream csv = new ByteArrayOutputStream();
      TableWriter.write(synth, "small", OutputFormats.CSV, csv, engine, RunOptions.defaults());
      assertThat(sha(csv.toByteArray())).isEqualTo(expectedSha("small", "csv"));
    }
    assertThat(parquet).isEqualTo(expectedSha("small", "parquet"));
  }

  @Test
  void aFormatObjectIsWrittenAsGivenNotAsTheFormatOfItsName() throws Exception {
    // OutputFormats.sql(dialect, rowsPerInsert) is public: its INSERTs hold 100 rows, where the
    // format named "sql:postgresql" holds 500. Sharded runs must write the format they were given.
    OutputFormat sql100 = OutputFormats.sql(dev.quarry.synth.write.SqlDialect.POSTGRESQL, 100);
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    try (RowWriter w = sql100.open(direct, synth.outputSchema("small"), Fragment.WHOLE)) {
      RowIterator it = synth.rows("small", 0, 10_000);
      while (it.hasNext()) {
        w.write(it.next());
      }
    }
    String expected = direct.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(expected.split("INSERT INTO", -1)).hasSize(101);
    for (Map.Entry<String, LocalEngine> e : engines.entrySet()) {
      for (int shards : new int[] {1, 3}) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TableWriter.write(synth, "small", sql100, out, e.getValue(), RunOptions.defaults(), shards);
        String got = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(got.split("INSERT INTO", -1).length - 1)
            .as("INSERT statements on %s with %d shards", e.getKey(), shards).isEqualTo(100);
        assertThat(got).isEqualTo(expected);
      }
    }
  }

  @Test
  void aTableOfNoRowsOrFewerRowsThanShards() throws Exception {
    Synthesizer tiny = Synthesizer.parse("""
        tables:
          none: {rows: 0, fields: {a: {kind: int}}}
          three: {rows: 3, fields: {a: {kind: enum, values: ["x", "y,z"]}, b: {kind: decimal, scale: 2}}}
        """);
    for (LocalEngine engine : engines.values()) {
      for (String format : FORMATS) {
        for (String table : List.of("none", "three")) {
          ByteArrayOutputStream one = new ByteArrayOutputStream();
          TableWriter.write(tiny, table, OutputFormats.byName(format), one, engine, RunOptions.defaults(), 1);
          ByteArrayOutputStream many = new ByteArrayOutputStream();
          TableWriter.Result r = TableWriter.write(tiny, table, OutputFormats.byName(format), many, engine,
              RunOptions.defaults(), 50);
          assertThat(many.toByteArray()).as(format + " " + table).isEqualTo(one.toByteArray());
          assertThat(r.bytes()).isEqualTo(many.size());
        }
      }
    }
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRunCancelledFromTheProgressListenerThrowsAndLeavesNoTemporaryFiles(boolean verifySerialization)
      throws Exception {
    Set<Path> before = tempDirs();
    for (int attempt = 0; attempt < 5; attempt++) {
      Cancellation cancel = new Cancellation();
      java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
      RunOptions options = RunOptions.defaults().withCancellation(cancel).withProgress((done, failed, total) -> {
        calls.incrementAndGet();
        cancel.cancel(); // as soon as the first shard is done
      });
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (LocalEngine engine = LocalEngine.builder().workers(2).verifySerialization(verifySerialization).build()) {
        assertThatThrownBy(() -> TableWriter.write(synth, "big", OutputFormats.CSV, out, engine, options, 50))
            .isInstanceOf(IOException.class).hasMessageContaining("cancelled");
        assertThat(tempDirs()).as("temporary folders right after the cancelled run").isSubsetOf(before);
      }
      assertThat(calls.get()).isPositive();
      assertThat(cancel.isCancelled()).isTrue();
      // far from all of it was written
      assertThat(out.size()).isLessThan(10 * TableWriter.CHUNK_BYTES);
      assertThat(tempDirs()).as("temporary folders once the engine stopped").isSubsetOf(before);
    }
  }

  @Test
  void aRunCancelledBeforeItStartsWritesNothing() throws Exception {
    Set<Path> before = tempDirs();
    for (LocalEngine engine : engines.values()) {
      Cancellation cancel = new Cancellation();
      cancel.cancel();
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      assertThatThrownBy(() -> TableWriter.write(synth, "small", OutputFormats.JSONL, out, engine,
          RunOptions.defaults().withCancellation(cancel), 8))
          .isInstanceOf(IOException.class).hasMessageContaining("cancelled");
      assertThat(out.size()).isZero();
    }
    assertThat(tempDirs()).isSubsetOf(before);
  }

  @Test
  void aFailingOutputStreamFailsTheRun() throws Exception {
    OutputStream failing = new OutputStream() {
      long written;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        if (written + len > 3 * TableWriter.CHUNK_BYTES) {
          throw new IOException("disk full");
        }
        written += len;
      }
    };
    Set<Path> before = tempDirs();
    assertThatThrownBy(() -> TableWriter.write(synth, "big", OutputFormats.CSV, failing, engines.get("local(2)"),
        RunOptions.defaults(), 8))
        .isInstanceOf(IOException.class).hasMessageContaining("disk full");
    assertThat(tempDirs()).isSubsetOf(before);
  }
}
