package dev.quarry.core.storage;

import java.io.IOException;

/**
 * The backends of one FileIO, built lazily from its config (on whichever JVM it lands): an S3
 * client or an HTTP client is only made when a location first needs one.
 */
final class Backends implements java.io.Closeable {

  private final StorageConfig config;
  private final AccessPolicy policy;
  private final LocalBackend local;
  private S3Backend s3;
  private HttpBackend http;

  Backends(StorageConfig config) {
    this.config = config;
    this.policy = new AccessPolicy(config);
    this.local = new LocalBackend(policy.confinesLocalPaths());
  }

  AccessPolicy policy() {
    return policy;
  }

  StorageBackend forLocation(Location location) throws StorageException {
    if (location.isLocal()) {
      return local;
    }
    if (location.isS3()) {
      return s3(location);
    }
    if (location.isHttp()) {
      return http(location);
    }
    throw new StorageException(location, "no storage backend for scheme " + location.scheme(), true);
  }

  private synchronized S3Backend s3(Location location) {
    if (s3 == null) {
      s3 = new S3Backend(config.s3(), config.httpTimeoutMillis());
    }
    return s3;
  }

  private synchronized HttpBackend http(Location location) {
    if (http == null) {
      http = new HttpBackend(policy, config.httpTimeoutMillis());
    }
    return http;
  }

  @Override
  public synchronized void close() throws IOException {
    IOException failure = null;
    for (StorageBackend backend : new StorageBackend[] {local, s3, http}) {
      if (backend == null) {
        continue;
      }
      try {
        backend.close();
      } catch (IOException | RuntimeException e) {
        if (failure == null) {
          failure = e instanceof IOException io ? io : new IOException(e);
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    s3 = null;
    http = null;
    if (failure != null) {
      throw failure;
    }
  }
}
