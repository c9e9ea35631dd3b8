package dev.quarry.server.ratelimit;

import dev.quarry.server.auth.ErrorResponses;
import dev.quarry.server.auth.QuarryUser;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link RateLimiter} to authenticated requests. Runs inside the security chain after
 * authentication (it needs to know the user) and is not a bean, so the servlet container does not
 * register it a second time outside the chain. Anonymous requests are not counted (they are refused
 * or public), nor are health and API-document requests, which probes and tooling poll.
 *
 * <p>Every counted response carries {@code X-RateLimit-Limit} and {@code X-RateLimit-Remaining}; a
 * refused one is a 429 JSON error with {@code Retry-After} in whole seconds.
 */
public class RateLimitFilter extends OncePerRequestFilter {

  private final RateLimiter limiter;
  private final List<RequestMatcher> exempt;

  public RateLimitFilter(RateLimiter limiter, String... exemptPaths) {
    this.limiter = limiter;
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    this.exempt = Arrays.stream(exemptPaths).<RequestMatcher>map(paths::matcher).toList();
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !limiter.enabled() || exempt.stream().anyMatch(m -> m.matches(request));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth == null || !(auth.getPrincipal() instanceof QuarryUser user)) {
      chain.doFilter(request, response);
      return;
    }
    RateLimiter.Decision decision = limiter.tryAcquire(user.id());
    response.setHeader("X-RateLimit-Limit", Long.toString(decision.limit()));
    response.setHeader("X-RateLimit-Remaining", Long.toString(decision.remaining()));
    if (!decision.allowed()) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
      ErrorResponses.write(response, HttpStatus.TOO_MANY_REQUESTS,
          "rate limit exceeded: retry in " + decision.retryAfterSeconds() + " s", request.getRequestURI());
      return;
    }
    chain.doFilter(request, response);
  }
}
