package dev.quarry.core.storage;

import java.io.Serializable;
import java.time.Instant;

/**
 * What a listing or stat knows about one object: size, last change and, where the store has one,
 * an entity tag (S3 ETag, HTTP ETag). {@code version} changes whenever the content may have changed
 * and lets indexes kept beside an object detect that they are stale.
 *
 * <p>{@code size} is -1 when the store cannot tell (an HTTP server that sends no length); {@code
 * modified} and {@code etag} may be null.
 */
public record FileStatus(Location location, long size, Instant modified, String etag)
    implements Serializable {

  public String version() {
    return etag != null && !etag.isEmpty()
        ? etag
        : size + "@" + (modified == null ? 0 : modified.toEpochMilli());
  }
}
