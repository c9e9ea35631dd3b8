package dev.quarry.synth;

import dev.quarry.core.engine.TaskContext;
import dev.quarry.synth.write.OutputSchema;
import java.io.Serializable;

/**
 * What a {@link ShardTask} does with its rows: typically opens a {@code RowWriter} on the shard's
 * part of the output with {@link Shard#fragment()} and returns where it went. Serializable, since it
 * travels with the task; open streams and clients inside {@link #consume}, and check {@link
 * TaskContext#isCancelled()} every few thousand rows to stop early.
 */
@FunctionalInterface
public interface ShardSink<R extends Serializable> extends Serializable {

  R consume(Shard shard, OutputSchema schema, RowIterator rows, TaskContext context) throws Exception;
}
