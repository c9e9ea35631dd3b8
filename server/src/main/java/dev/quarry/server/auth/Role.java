package dev.quarry.server.auth;

/** Admins see and manage everything; users see only their own jobs and datasets. */
public enum Role {
  ADMIN,
  USER
}
