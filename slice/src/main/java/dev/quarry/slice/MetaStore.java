package dev.quarry.slice;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.OutputFile;
import java.io.IOException;
import java.io.InputStream;

/**
 * The metadata location of one object in one format: files {@code <format>.<suffix>} in a folder
 * (local) or under a prefix (S3), separate from the data, which may be read-only.
 */
public record MetaStore(FileIO io, Location folder, String format) {

  /** The default metadata folder of an object: {@code <object>.quarry-slice/}, beside it. */
  public static Location besides(Location object) {
    if (object.isHttp()) {
      throw new IllegalArgumentException(
          "an HTTP object cannot have its metadata beside it; give a metadata location (--meta) for "
              + object);
    }
    return new Location(object.scheme(), object.authority(), object.path() + ".quarry-slice");
  }

  public Location location(String suffix) {
    return folder.resolve(format + "." + suffix);
  }

  public boolean exists(String suffix) throws IOException {
    return io.exists(location(suffix));
  }

  public InputStream open(String suffix) throws IOException {
    return io.newInputFile(location(suffix)).newStream();
  }

  public void write(String suffix, OutputFile.StreamWriter body) throws IOException {
    io.newOutputFile(location(suffix)).write(body);
  }

  public void delete(String suffix) throws IOException {
    if (io.exists(location(suffix))) {
      io.delete(location(suffix));
    }
  }
}
