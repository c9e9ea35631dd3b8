package dev.quarry.server.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates requests carrying an {@code X-API-Key} header. A key that is unknown or revoked is
 * rejected at once (401) rather than treated as anonymous, so a client learns its key is bad even
 * on routes it could reach without one. The lookup hits the database on every request, which makes
 * a revocation effective immediately on every instance.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

  public static final String HEADER = "X-API-Key";

  /** Generated keys are 46 characters; anything far longer is not worth hashing. */
  private static final int MAX_KEY_LENGTH = 200;

  private final UserStore users;
  private final AuthenticationEntryPoint entryPoint;

  public ApiKeyAuthenticationFilter(UserStore users, AuthenticationEntryPoint entryPoint) {
    this.users = users;
    this.entryPoint = entryPoint;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String key = request.getHeader(HEADER);
    if (key == null || key.isBlank()) {
      chain.doFilter(request, response);
      return;
    }
    UserStore.KeyMatch match = key.length() > MAX_KEY_LENGTH ? null : users.matchKey(key.strip()).orElse(null);
    if (match == null) {
      SecurityContextHolder.clearContext();
      entryPoint.commence(request, response, new BadCredentialsException("unknown or revoked API key"));
      return;
    }
    users.touchKey(match);
    var context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(new QuarryAuthentication(match.user(), QuarryAuthentication.Method.API_KEY));
    SecurityContextHolder.setContext(context);
    chain.doFilter(request, response);
  }
}
