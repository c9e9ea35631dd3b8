package dev.quarry.server.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated request: the {@link QuarryUser} is the principal (what {@link CurrentUser}
 * reads) and its role the one authority ({@code ROLE_ADMIN} or {@code ROLE_USER}), whether the
 * caller presented an API key or a bearer token. No credentials are kept.
 */
public final class QuarryAuthentication extends AbstractAuthenticationToken {

  /** How the caller proved who it is. */
  public enum Method { API_KEY, JWT }

  private final QuarryUser user;
  private final Method method;

  public QuarryAuthentication(QuarryUser user, Method method) {
    super(List.of(new SimpleGrantedAuthority("ROLE_" + user.role().name())));
    this.user = user;
    this.method = method;
    setAuthenticated(true);
  }

  @Override
  public QuarryUser getPrincipal() {
    return user;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public String getName() {
    return user.name();
  }

  public Method method() {
    return method;
  }
}
