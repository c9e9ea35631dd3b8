package dev.quarry.spark;

import dev.quarry.core.engine.Task;
import java.io.Serializable;

/** A task with its position in the submitted list: one element of the RDD, one Spark task. */
record IndexedTask<R extends Serializable>(int index, Task<R> task) implements Serializable {}
