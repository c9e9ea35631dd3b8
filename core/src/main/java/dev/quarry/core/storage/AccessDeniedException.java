package dev.quarry.core.storage;

/** The location is outside the configured allow-list (or is a forbidden address). */
public class AccessDeniedException extends StorageException {
  public AccessDeniedException(Location location, String reason) {
    super(location, "access denied: " + reason, true);
  }
}
