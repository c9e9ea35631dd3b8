package dev.quarry.synth;

import dev.quarry.synth.generate.RowGenerator;
import dev.quarry.synth.generate.TablePlan;
import dev.quarry.synth.schema.SchemaException;
import dev.quarry.synth.schema.SchemaLimits;
import dev.quarry.synth.schema.SchemaParser;
import dev.quarry.synth.schema.SynthSchema;
import dev.quarry.synth.write.OutputSchema;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a schema into rows for the writers. Every value is a pure function of (seed, table, field,
 * row index), so any row range can be generated on its own and the rows of a table are the same
 * whether it is produced in one piece or in shards.
 *
 * <pre>{@code
 * Synthesizer synth = Synthesizer.parse(yaml);
 * OutputSchema columns = synth.outputSchema("customers");
 * for (Shard shard : synth.shards("customers", 8)) {        // or ShardTasks on an Engine
 *   try (RowWriter w = format.open(out, columns, shard.fragment())) {
 *     RowIterator rows = synth.rows(shard);
 *     while (rows.hasNext()) w.write(rows.next());
 *   }
 * }
 * }</pre>
 *
 * Thread-safe: the per-table plans are shared; each {@link #rows} call builds its own generator
 * (random streams, Faker instances), so iterate each on one thread.
 */
public final class Synthesizer {

  private final SynthSchema schema;
  private final Map<String, TablePlan> plans = new ConcurrentHashMap<>();
  /** Tables whose plan this thread is building: a table met again is a cycle. */
  private final ThreadLocal<Set<String>> building = ThreadLocal.withInitial(HashSet::new);

  /**
   * Checks the schema's structure (not the row limit, which is the caller's policy: the parser
   * applies it, and overrides of rows should be checked with {@link SynthSchema#validate}).
   */
  public Synthesizer(SynthSchema schema) {
    schema.validate(SchemaLimits.DEFAULT.withMaxRowsPerTable(Long.MAX_VALUE));
    this.schema = schema;
  }

  /** Parses JSON or YAML with the default limits. */
  public static Synthesizer parse(String schemaText) {
    return new Synthesizer(SchemaParser.parse(schemaText));
  }

  public SynthSchema schema() {
    return schema;
  }

  /** The table names in schema order. */
  public List<String> tables() {
    return List.copyOf(schema.tables().keySet());
  }

  /** The columns of {@code table} as the writers see them. */
  public OutputSchema outputSchema(String table) {
    return plan(table).outputSchema();
  }

  /** Rows {@code [from, to)} of {@code table}. */
  public RowIterator rows(String table, long from, long to) {
    long rows = schema.table(table).rows();
    if (from < 0 || to < from || to > rows) {
      throw new IllegalArgumentException(
          "row range [" + from + ", " + to + ") is outside table " + table + " of " + rows + " rows");
    }
    return new RowIterator(generator(table), from, to);
  }

  public RowIterator rows(Shard shard) {
    return rows(shard.table(), shard.from(), shard.to());
  }

  /** A generator for random access to rows of {@code table}; use it on one thread. */
  public RowGenerator generator(String table) {
    return new RowGenerator(plan(table), this::plan);
  }

  /**
   * Splits {@code table} into {@code count} shards of nearly equal size (sizes differ by at most
   * one row), in order. A table with fewer rows than {@code count} gets fewer shards, at least one.
   */
  public List<Shard> shards(String table, int count) {
    if (count < 1) {
      throw new IllegalArgumentException("shard count must be at least 1");
    }
    long rows = schema.table(table).rows();
    int n = (int) Math.max(1, Math.min(count, rows));
    List<Shard> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      long from = rows * i / n;
      long to = rows * (i + 1) / n;
      out.add(new Shard(table, from, to, i, n));
    }
    return out;
  }

  /** Splits {@code table} into shards of at most {@code rowsPerShard} rows. */
  public List<Shard> shardsOfAtMost(String table, long rowsPerShard) {
    if (rowsPerShard < 1) {
      throw new IllegalArgumentException("rows per shard must be at least 1");
    }
    long rows = schema.table(table).rows();
    long n = Math.max(1, (rows + rowsPerShard - 1) / rowsPerShard);
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("too many shards: " + n);
    }
    return shards(table, (int) n);
  }

  /** One engine task per shard of {@code table}, each handing its rows to {@code sink}. */
  public <R extends Serializable> List<ShardTask<R>> tasks(String table, int shardCount, ShardSink<R> sink) {
    List<ShardTask<R>> tasks = new ArrayList<>();
    for (Shard s : shards(table, shardCount)) {
      tasks.add(new ShardTask<>(schema, s, sink));
    }
    return tasks;
  }

  private TablePlan plan(String table) {
    TablePlan plan = plans.get(table);
    if (plan != null) {
      return plan;
    }
    schema.table(table);
    // Plans of tables that refer to each other through expressions would need each other first.
    if (!building.get().add(table)) {
      throw new SchemaException(
          "tables." + table, "tables refer to each other through expression fields; that cannot be typed");
    }
    try {
      plan = TablePlan.of(schema, table, this::plan);
    } finally {
      building.get().remove(table);
    }
    TablePlan raced = plans.putIfAbsent(table, plan);
    return raced == null ? plan : raced;
  }
}
