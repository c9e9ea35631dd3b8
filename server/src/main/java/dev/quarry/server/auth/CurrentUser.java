package dev.quarry.server.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** The authenticated caller of the current request. */
public final class CurrentUser {

  private CurrentUser() {}

  public static QuarryUser get() {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth != null && auth.getPrincipal() instanceof QuarryUser u) {
      return u;
    }
    throw new IllegalStateException("no authenticated Quarry user on this request");
  }
}
