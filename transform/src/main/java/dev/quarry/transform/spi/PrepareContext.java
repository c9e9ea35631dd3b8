package dev.quarry.transform.spi;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import java.util.List;

/**
 * What {@link TransformSpec#prepare} may use to build state shared by every worker: the files the
 * job reads (in job order), those still to do, the outputs of units a previous run finished (when
 * resuming from a checkpoint), the storage, and the engine for a parallel pre-pass.
 */
public record PrepareContext(
    List<Source> inputs,
    List<Source> todo,
    List<InputFile> doneOutputs,
    FileIO io,
    Engine engine,
    Params params) {

  /** An input file and its path relative to the input folder (what transforms see as the file). */
  public record Source(String relPath, InputFile file) {}
}
