package dev.quarry.slice;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.core.engine.Engine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.OutputFile;
import java.io.IOException;

/** What a format's preprocess step gets: the object, storage, an engine and the options. */
public record PreprocessJob(
    FileIO io,
    InputFile object,
    Engine engine,
    PreprocessOptions options,
    MetaStore meta,
    Cancellation cancellation) {

  /** Writes a format-specific side file into the metadata location, atomically. */
  public void writeSideFile(String suffix, OutputFile.StreamWriter body) throws IOException {
    meta.write(suffix, body);
  }
}
