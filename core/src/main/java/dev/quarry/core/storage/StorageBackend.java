package dev.quarry.core.storage;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** One kind of store. Locations passed in have already passed the access policy. */
interface StorageBackend extends Closeable {

  InputFile newInputFile(Location location) throws IOException;

  boolean exists(Location location) throws IOException;

  boolean isDirectory(Location location) throws IOException;

  List<FileStatus> list(Location location, ListOptions options) throws IOException;

  OutputFile newOutputFile(Location location) throws IOException;

  void delete(Location location) throws IOException;

  @Override
  default void close() throws IOException {}
}
