package dev.quarry.synth;

import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.synth.schema.SynthSchema;
import java.io.Serializable;

/**
 * Generates one shard on an engine worker and hands its rows to a {@link ShardSink}. Carries the
 * schema (plain records), never generators or Faker instances: those are built inside {@link #run},
 * on the worker's thread. Running it again yields the same rows, so retries are safe.
 */
public final class ShardTask<R extends Serializable> implements Task<R> {

  private static final long serialVersionUID = 1L;

  private final SynthSchema schema;
  private final Shard shard;
  private final ShardSink<R> sink;

  public ShardTask(SynthSchema schema, Shard shard, ShardSink<R> sink) {
    this.schema = schema;
    this.shard = shard;
    this.sink = sink;
  }

  public Shard shard() {
    return shard;
  }

  @Override
  public R run(TaskContext context) throws Exception {
    Synthesizer synth = new Synthesizer(schema);
    return sink.consume(shard, synth.outputSchema(shard.table()), synth.rows(shard), context);
  }

  @Override
  public String describe() {
    return shard.table() + " rows " + shard.from() + ".." + shard.to() + " (shard " + (shard.index() + 1) + "/" + shard.count() + ")";
  }
}
