package dev.quarry.server.auth;

/** An authenticated caller. */
public record QuarryUser(String id, String name, Role role) {

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  /** Whether this user may see or change something owned by {@code ownerId}. */
  public boolean canAccess(String ownerId) {
    return isAdmin() || id.equals(ownerId);
  }
}
