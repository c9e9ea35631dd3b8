package dev.quarry.synth;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import java.io.Serializable;
import java.util.Objects;

/**
 * Where shard fragments wait, on an engine whose tasks run in other JVMs (Spark), until the caller
 * copies them into the output in shard order: a folder that every worker can write and the caller
 * can read. Without one, a temporary folder of the caller's machine is used, which serves Spark in
 * local mode and a cluster on one machine; a cluster of several machines needs shared storage, such
 * as an S3 prefix. Each run writes below a folder of its own and removes it when done, whether it
 * succeeded or not. Engines that run tasks in this JVM never use it.
 *
 * @param io how workers and the caller reach {@code folder}; serializable, it travels with the tasks
 */
public record FragmentStore(FileIO io, Location folder) implements Serializable {

  public FragmentStore {
    Objects.requireNonNull(io, "io");
    Objects.requireNonNull(folder, "folder");
  }
}
