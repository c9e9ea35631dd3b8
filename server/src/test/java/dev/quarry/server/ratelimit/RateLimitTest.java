package dev.quarry.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.auth.ApiKeys;
import dev.quarry.server.auth.AuthServerTest;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.auth.Role;
import dev.quarry.server.auth.TestHttp;
import dev.quarry.server.auth.TestHttp.Credentials;
import dev.quarry.server.auth.UserStore;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Five requests per user, refilled at one a minute: the sixth in a row is refused. The refill is so
 * slow that no test run can earn a token back before its sixth request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitTest {

  private static final int CAPACITY = 5;

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) throws Exception {
    String home = Files.createTempDirectory("quarry-ratelimit-test").toString();
    r.add("quarry.home", () -> home);
    r.add("spring.datasource.url", () -> "jdbc:h2:mem:ratelimit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    r.add("quarry.admin-key", () -> AuthServerTest.ADMIN_KEY);
    r.add("quarry.rate-limit.capacity", () -> Integer.toString(CAPACITY));
    r.add("quarry.rate-limit.per-minute", () -> "1");
  }

  @LocalServerPort int port;
  private TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
  }

  @Autowired UserStore users;

  /** A new user's key, created directly so the admin's own bucket is not spent on set-up. */
  private Credentials newUser() {
    QuarryUser user = users.createUser("u-" + UUID.randomUUID(), Role.USER);
    String key = ApiKeys.generate();
    users.addKey(user.id(), key, "test");
    return Credentials.key(key);
  }

  @Test
  void theRequestPastCapacityIs429WithRetryAfterAndOtherUsersAreUnaffected() {
    Credentials alice = newUser();
    Credentials bob = newUser();
    for (int i = 1; i <= CAPACITY; i++) {
      HttpResponse<String> ok = http.get("/api/v1/users/me", alice);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(CAPACITY - i));
      assertThat(ok.headers().firstValue("X-RateLimit-Limit")).hasValue(Integer.toString(CAPACITY));
    }
    HttpResponse<String> refused = http.get("/api/v1/users/me", alice);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");
    long retryAfter = Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 60L);
    JsonNode body = TestHttp.json(refused);
    assertThat(body.path("status").asInt()).isEqualTo(429);
    assertThat(body.path("detail").asString()).contains("rate limit");
    // Every route counts, not just the one that ran out.
    assertThat(http.get("/api/v1/keys", alice).statusCode()).isEqualTo(429);

    assertThat(http.get("/api/v1/users/me", bob).statusCode()).isEqualTo(200);
  }

  @Test
  void healthDocsAndAnonymousRequestsAreNotLimited() {
    Credentials carol = newUser();
    for (int i = 0; i < CAPACITY * 2; i++) {
      assertThat(http.get("/actuator/health", carol).statusCode()).isEqualTo(200);
      assertThat(http.get("/actuator/health", Credentials.NONE).statusCode()).isEqualTo(200);
      assertThat(http.get("/api/v1/users/me", Credentials.NONE).statusCode()).isEqualTo(401);
    }
    assertThat(http.get("/v3/api-docs", carol).statusCode()).isEqualTo(200);
    HttpResponse<String> first = http.get("/api/v1/users/me", carol);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(CAPACITY - 1));
  }
}
