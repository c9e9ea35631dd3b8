package dev.quarry.core.storage;

import java.io.IOException;

/** A storage failure that names the location; {@link #userError()} tells a user mistake from a fault. */
public class StorageException extends IOException {

  private final Location location;
  private final boolean userError;

  public StorageException(Location location, String message, boolean userError, Throwable cause) {
    super(location + ": " + message, cause);
    this.location = location;
    this.userError = userError;
  }

  public StorageException(Location location, String message, boolean userError) {
    this(location, message, userError, null);
  }

  public Location location() {
    return location;
  }

  /** True for a missing object, a denied location, a bad name: things the caller must fix. */
  public boolean userError() {
    return userError;
  }
}
