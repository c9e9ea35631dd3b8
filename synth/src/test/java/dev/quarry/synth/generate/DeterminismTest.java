package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.synth.RowIterator;
import dev.quarry.synth.Shard;
import dev.quarry.synth.ShardTask;
import dev.quarry.synth.Synthesizer;
import dev.quarry.synth.schema.SchemaParser;
import dev.quarry.synth.schema.SynthSchema;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Same seed, same rows: whatever the sharding, the thread, or the order rows are asked in. */
class DeterminismTest {

  static final String SCHEMA =
      """
      seed: 42
      tables:
        customers:
          rows: 1000
          fields:
            id:     {kind: sequence, start: 1}
            name:   {kind: faker, provider: name.fullName, locale: en}
            email:  {kind: faker, provider: internet.emailAddress, unique: true}
            city:   {kind: faker, provider: "#{Address.city}", locale: de}
            age:    {kind: int, min: 18, max: 90, distribution: normal, mean: 40, stddev: 12}
            tier:   {kind: enum, values: {gold: 1, silver: 3, bronze: 6}}
            score:  {kind: float, min: 0, max: 1, nulls: 0.05}
            code:   {kind: regex, pattern: "[A-Z]{3}-[0-9]{4}"}
            bio:    {kind: text, sentences: [1, 2]}
            signup: {kind: date, min: 2020-01-01, max: 2024-12-31}
        orders:
          rows: 20011
          fields:
            id:          {kind: uuid}
            customer_id: {kind: ref, table: customers, field: id}
            buyer:       {kind: ref, table: customers, field: email, distribution: zipf}
            amount:      {kind: decimal, min: 1, max: 500, scale: 2}
            with_tax:    {kind: expr, expr: "amount * 1.2"}
            n:           {kind: int, min: 0, max: 99999, unique: true}
            at:          {kind: datetime, min: 2024-01-01, max: 2024-06-30}
      """;

  @Test
  void oneThreeAndEightShardsGiveIdenticalRows() throws Exception {
    Synthesizer synth = Synthesizer.parse(SCHEMA);
    for (String table : synth.tables()) {
      String whole = sha256(canonical(synth.rows(table, 0, synth.schema().table(table).rows())));
      assertThat(shardedDigest(synth, table, 3)).as(table + " in 3 shards").isEqualTo(whole);
      assertThat(shardedDigest(synth, table, 8)).as(table + " in 8 shards").isEqualTo(whole);
      assertThat(engineDigest(synth.schema(), table, 8)).as(table + " on the engine").isEqualTo(whole);
    }
  }

  @Test
  void rowsDoNotDependOnTheOrderTheyAreAskedIn() {
    Synthesizer synth = Synthesizer.parse(SCHEMA);
    RowGenerator forward = synth.generator("orders");
    RowGenerator backward = synth.generator("orders");
    List<String> a = new ArrayList<>();
    List<String> b = new ArrayList<>();
    for (long r = 0; r < 500; r++) {
      a.add(line(forward.row(r)));
    }
    for (long r = 499; r >= 0; r--) {
      b.add(0, line(backward.row(r)));
    }
    assertThat(b).isEqualTo(a);
  }

  @Test
  void anotherSeedChangesValuesAndTheSameSeedDoesNot() {
    SynthSchema schema = SchemaParser.parse(SCHEMA);
    String base = sha256(canonical(new Synthesizer(schema).rows("customers", 0, 200)));
    assertThat(sha256(canonical(Synthesizer.parse(SCHEMA).rows("customers", 0, 200)))).isEqualTo(base);
    Synthesizer other = new Synthesizer(schema.withSeed(43));
    assertThat(sha256(canonical(other.rows("customers", 0, 200)))).isNotEqualTo(base);
    // Not just one column: most values of a random column differ.
    RowIterator x = new Synthesizer(schema).rows("customers", 0, 200);
    RowIterator y = other.rows("customers", 0, 200);
    int same = 0;
    while (x.hasNext()) {
      same += x.next()[1].equals(y.next()[1]) ? 1 : 0;
    }
    assertThat(same).isLessThan(20);
  }

  @Test
  void shardsCoverTheTableInOrderWithSizesWithinOneRow() {
    Synthesizer synth = Synthesizer.parse(SCHEMA);
    List<Shard> shards = synth.shards("orders", 8);
    assertThat(shards).hasSize(8);
    assertThat(shards.get(0).fragment().first()).isTrue();
    assertThat(shards.get(7).fragment().last()).isTrue();
    long expectedFrom = 0;
    for (Shard s : shards) {
      assertThat(s.from()).isEqualTo(expectedFrom);
      assertThat(s.rows()).isBetween(20011L / 8, 20011L / 8 + 1);
      assertThat(s.fragment().firstRow()).isEqualTo(s.from());
      expectedFrom = s.to();
    }
    assertThat(expectedFrom).isEqualTo(20011);
    assertThat(synth.shards("customers", 5000)).hasSize(1000);
    assertThat(synth.shardsOfAtMost("orders", 5000)).hasSize(5);
  }

  private static String shardedDigest(Synthesizer synth, String table, int count) throws Exception {
    MessageDigest md = MessageDigest.getInstance("SHA-256");
    for (Shard s : synth.shards(table, count)) {
      md.update(canonical(synth.rows(s)).getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /** Shards as engine tasks, serialized like on a cluster, results put back in shard order. */
  private static String engineDigest(SynthSchema schema, String table, int count) {
    List<ShardTask<TreeMap<Integer, String>>> tasks =
        new Synthesizer(schema)
            .tasks(table, count, (shard, columns, rows, ctx) -> {
              TreeMap<Integer, String> out = new TreeMap<>();
              out.put(shard.index(), canonical(rows));
              return out;
            });
    try (LocalEngine engine = LocalEngine.builder().workers(2).verifySerialization(true).build()) {
      RunResult<TreeMap<Integer, String>> result =
          engine.run(tasks, (a, b) -> { a.putAll(b); return a; }, RunOptions.defaults());
      assertThat(result.allSucceeded()).isTrue();
      return sha256(String.join("", result.merged().orElseThrow().values()));
    }
  }

  static String canonical(RowIterator rows) {
    StringBuilder b = new StringBuilder();
    while (rows.hasNext()) {
      b.append(line(rows.next())).append('\n');
    }
    return b.toString();
  }

  static String line(Object[] row) {
    StringBuilder b = new StringBuilder();
    for (Object v : row) {
      b.append(v == null ? "\\N" : v instanceof BigDecimal d ? d.toPlainString() : v.toString()).append('\t');
    }
    return b.toString();
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
