package dev.quarry.server.auth;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Instant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import dev.quarry.server.web.ApiError;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything but health, the OpenAPI document and its UI needs credentials: an {@code X-API-Key}
 * (or, when configured, a JWT bearer token). Stateless: no sessions, no CSRF tokens.
 */
@Configuration
public class SecurityConfig {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Bean
  SecurityFilterChain api(HttpSecurity http, UserStore users) throws Exception {
    AuthenticationEntryPoint unauthorized = (req, res, ex) ->
        write(res, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized",
            "credentials are missing or invalid: send X-API-Key or Authorization: Bearer", req.getRequestURI());
    AccessDeniedHandler forbidden = (req, res, ex) ->
        write(res, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "not allowed for this user",
            req.getRequestURI());
    http
        .csrf(c -> c.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(b -> b.disable())
        .formLogin(f -> f.disable())
        .logout(l -> l.disable())
        .authorizeHttpRequests(a -> a
            .requestMatchers("/actuator/health", "/actuator/health/**", "/v3/api-docs", "/v3/api-docs/**",
                "/swagger-ui.html", "/swagger-ui/**", "/error").permitAll()
            .requestMatchers("/actuator/**").hasRole("ADMIN")
            .anyRequest().authenticated())
        .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
        .addFilterBefore(new ApiKeyAuthenticationFilter(users, unauthorized), BasicAuthenticationFilter.class);
    return http.build();
  }

  static void write(HttpServletResponse res, int status, String error, String detail, String path)
      throws java.io.IOException {
    res.setStatus(status);
    res.setContentType(MediaType.APPLICATION_JSON_VALUE);
    res.getWriter().write(JSON.writeValueAsString(new ApiError(status, error, detail, null, path, Instant.now())));
  }
}
