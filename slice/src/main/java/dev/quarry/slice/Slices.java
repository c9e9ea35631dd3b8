package dev.quarry.slice;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.IOException;

/** Helpers shared by formats when they open a slice. */
public final class Slices {

  private Slices() {}

  /** The slice's object, refused if it changed since the slice was cut. */
  public static InputFile checkedInput(Slice slice, FileIO io) throws IOException {
    InputFile file = io.newInputFile(Location.parse(slice.object()));
    String now = file.status().version();
    if (!now.equals(slice.objectVersion())) {
      throw new StaleIndexException(
          file.location() + " changed since it was sliced (version " + slice.objectVersion()
              + ", now " + now + "): preprocess it again with force and cut new slices");
    }
    return file;
  }
}
