package dev.quarry.server.auth;

import dev.quarry.server.QuarryProperties;
import dev.quarry.server.ratelimit.RateLimitFilter;
import dev.quarry.server.ratelimit.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Everything but health, the OpenAPI document and its UI needs credentials: an {@code X-API-Key},
 * or, when {@code quarry.jwt} configures a key, an {@code Authorization: Bearer} JWT. Stateless: no
 * sessions, no CSRF tokens (no cookies are ever issued, so there is nothing to forge).
 *
 * <p>Missing or bad credentials get a 401, valid credentials without the right role a 403, both as
 * {@code ApiError} JSON. {@code /actuator/prometheus} (and the rest of actuator but health) needs an
 * admin: metrics name users' job types and volumes, and Prometheus can send an admin key with
 * {@code http_headers} in its scrape config. Admin-only API routes are listed here rather than
 * annotated on the controllers, so a 403 comes from the security layer and never depends on a
 * controller's exception handling.
 */
@Configuration
public class SecurityConfig {

  /** Requests anyone may make; also exempt from rate limits. */
  public static final String[] PUBLIC_PATHS = {"/actuator/health", "/actuator/health/**",
      "/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**", "/error"};

  /** Longest authentication failure reason echoed to the client. */
  private static final int MAX_REASON = 300;

  @Bean
  SecurityFilterChain api(HttpSecurity http, UserStore users, QuarryProperties properties,
      ResourceLoader resources, RateLimiter rateLimiter) throws Exception {
    QuarryProperties.Jwt jwt = properties.jwt();
    AuthenticationEntryPoint unauthorized = (req, res, ex) -> unauthorized(req, res, ex, jwt.enabled());
    AccessDeniedHandler forbidden = (req, res, ex) ->
        // Every role rule below is "admin"; finer checks (ownership) answer from the controllers.
        ErrorResponses.write(res, HttpStatus.FORBIDDEN,
            "not allowed for this user: this route needs the admin role", req.getRequestURI());
    http
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .requestCache(r -> r.disable())
        .authorizeHttpRequests(a -> a
            .requestMatchers(PUBLIC_PATHS).permitAll()
            .requestMatchers("/actuator/**").hasRole("ADMIN")
            .requestMatchers(HttpMethod.GET, "/api/v1/users/me", "/api/v1/users/me/**").authenticated()
            .requestMatchers("/api/v1/users", "/api/v1/users/**").hasRole("ADMIN")
            .anyRequest().authenticated())
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
        .addFilterBefore(new ApiKeyAuthenticationFilter(users, unauthorized), BasicAuthenticationFilter.class)
        // After every authentication filter and before authorization: anonymous requests pass
        // through (and get their 401 next), authenticated ones are counted even when forbidden.
        .addFilterBefore(new RateLimitFilter(rateLimiter, PUBLIC_PATHS), AuthorizationFilter.class);
    if (jwt.enabled()) {
      JwtDecoder decoder = JwtVerification.decoder(jwt, resources);
      http.oauth2ResourceServer(o -> o
          .jwt(j -> j.decoder(decoder).jwtAuthenticationConverter(new JwtUserConverter(users, jwt.userClaim())))
          .authenticationEntryPoint(unauthorized)
          .accessDeniedHandler(forbidden));
    }
    return http.build();
  }

  private static void unauthorized(HttpServletRequest req, HttpServletResponse res,
      AuthenticationException ex, boolean jwtEnabled) throws java.io.IOException {
    String authorization = req.getHeader(HttpHeaders.AUTHORIZATION);
    boolean bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7);
    String detail;
    if (bearer && !jwtEnabled) {
      detail = "this server does not accept bearer tokens (quarry.jwt is not configured): send X-API-Key";
    } else if (ex instanceof InsufficientAuthenticationException) {
      detail = "credentials are missing: send X-API-Key"
          + (jwtEnabled ? " or Authorization: Bearer" : "");
    } else {
      detail = "credentials are invalid: " + reason(ex);
    }
    if (jwtEnabled) {
      res.setHeader(HttpHeaders.WWW_AUTHENTICATE, bearer && !(ex instanceof InsufficientAuthenticationException)
          ? "Bearer realm=\"quarry\", error=\"invalid_token\"" : "Bearer realm=\"quarry\"");
    }
    ErrorResponses.write(res, HttpStatus.UNAUTHORIZED, detail, req.getRequestURI());
  }

  /** The failure's own message: ours, or Spring Security's and Nimbus's, which name no secrets. */
  private static String reason(AuthenticationException ex) {
    String m = ex.getMessage() == null ? "rejected" : ex.getMessage().strip();
    m = m.replace("An error occurred while attempting to decode the Jwt: ", "");
    int nl = m.indexOf('\n');
    m = nl < 0 ? m : m.substring(0, nl);
    return m.length() > MAX_REASON ? m.substring(0, MAX_REASON) + "…" : m;
  }
}
