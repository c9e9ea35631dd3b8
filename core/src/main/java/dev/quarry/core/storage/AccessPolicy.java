package dev.quarry.core.storage;

/** Decides whether a user-named location may be touched, from the config's allow-list. */
final class AccessPolicy {

  private final StorageConfig config;

  AccessPolicy(StorageConfig config) {
    this.config = config;
  }

  Location check(Location location) throws AccessDeniedException {
    return location;
  }
}
