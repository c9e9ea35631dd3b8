package dev.quarry.core.storage;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.util.List;

/**
 * The one door to bytes: local files, S3 (and S3-compatible stores) and HTTP(S), read-only for
 * HTTP. Every user-named location is checked against the {@link StorageConfig} allow-list before
 * anything is read, listed, written or deleted.
 *
 * <p>Serializable: a FileIO sent to a worker rebuilds its clients there from the config.
 */
public final class FileIO implements Closeable, Serializable {

  private final StorageConfig config;
  private transient volatile Backends backends;

  private FileIO(StorageConfig config) {
    this.config = config;
  }

  public static FileIO create(StorageConfig config) {
    return new FileIO(config);
  }

  /** A FileIO for a CLI user on their own machine: any local path, any bucket, any public host. */
  public static FileIO unrestricted() {
    return new FileIO(StorageConfig.unrestricted());
  }

  public StorageConfig config() {
    return config;
  }

  /** Checks the location against the allow-list and throws {@link AccessDeniedException} if denied. */
  public Location check(Location location) throws AccessDeniedException {
    return backends().policy().check(location);
  }

  /** Stat + policy check; throws {@link StorageException} (user error) if there is no such object. */
  public InputFile newInputFile(Location location) throws IOException {
    return backend(location).newInputFile(check(location));
  }

  public InputFile newInputFile(String location) throws IOException {
    return newInputFile(Location.parse(location));
  }

  public FileStatus stat(Location location) throws IOException {
    return newInputFile(location).status();
  }

  /** True if an object (not a folder/prefix) exists at the location. */
  public boolean exists(Location location) throws IOException {
    return backend(location).exists(check(location));
  }

  /** True if the location names a folder (local) or a non-empty prefix (S3). */
  public boolean isDirectory(Location location) throws IOException {
    return backend(location).isDirectory(check(location));
  }

  /** Objects under a folder or prefix, sorted by location; never folders themselves. */
  public List<FileStatus> list(Location location, ListOptions options) throws IOException {
    return backend(location).list(check(location), options);
  }

  public OutputFile newOutputFile(Location location) throws IOException {
    return backend(location).newOutputFile(check(location));
  }

  public void delete(Location location) throws IOException {
    backend(location).delete(check(location));
  }

  private StorageBackend backend(Location location) throws StorageException {
    return backends().forLocation(location);
  }

  private Backends backends() {
    Backends b = backends;
    if (b == null) {
      synchronized (this) {
        b = backends;
        if (b == null) {
          b = new Backends(config);
          backends = b;
        }
      }
    }
    return b;
  }

  /**
   * Releases the S3 and HTTP clients. The FileIO stays usable: it rebuilds them if called again,
   * as it does after being deserialised on a worker.
   */
  @Override
  public void close() throws IOException {
    Backends b;
    synchronized (this) {
      b = backends;
      backends = null;
    }
    if (b != null) {
      b.close();
    }
  }
}
