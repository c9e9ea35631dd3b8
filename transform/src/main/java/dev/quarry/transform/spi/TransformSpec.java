package dev.quarry.transform.spi;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A transform's configuration and factory, found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.quarry.transform.spi.TransformSpec}).
 *
 * <p>Lifecycle of a job: the launcher validates parameters against {@link #params()}; the
 * orchestrator calls {@link #prepare} once before any worker starts (a global hash set, the list
 * of near-duplicates to drop, per-file id offsets), then {@link #create} once per unit of work with
 * that shared state, and {@link #statistics} once at the end.
 */
public interface TransformSpec {

  /** The name on the command line and in pipeline files, e.g. {@code ededup}. */
  String name();

  String description();

  List<Param> params();

  /**
   * Checks parameters against each other (each was already checked alone).
   *
   * @throws IllegalArgumentException with a message that names the parameter
   */
  default void validate(Params params) {}

  /** State shared by all workers, built before they start; null when the transform needs none. */
  default Serializable prepare(PrepareContext context) throws Exception {
    return null;
  }

  TableTransform create(Params params, Serializable shared) throws Exception;

  /**
   * True when the transform carries rows from one file to the next (resize): the files of each
   * folder are then processed in order by one worker, and outputs are named by the anchor's rules
   * ({@code name}, {@code name_0}, {@code name_1}, ...) with each emitted batch a whole table.
   */
  default boolean spansFiles() {
    return false;
  }

  /** Statistics for metadata.json computed from the shared state at the end of the job. */
  default Map<String, Object> statistics(Serializable shared) {
    return Map.of();
  }
}
