package dev.quarry.core.storage;

import java.io.IOException;

/** The backends of one FileIO, built lazily from its config (on whichever JVM it lands). */
final class Backends implements java.io.Closeable {

  private final AccessPolicy policy;
  private final LocalBackend local = new LocalBackend();

  Backends(StorageConfig config) {
    this.policy = new AccessPolicy(config);
  }

  AccessPolicy policy() {
    return policy;
  }

  StorageBackend forLocation(Location location) throws StorageException {
    if (location.isLocal()) {
      return local;
    }
    // S3 and HTTP(S) backends: see the storage issue.
    throw new StorageException(location, "no storage backend for scheme " + location.scheme(), true);
  }

  @Override
  public void close() throws IOException {
    local.close();
  }
}
