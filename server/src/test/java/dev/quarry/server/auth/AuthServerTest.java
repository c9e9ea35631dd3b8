package dev.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.auth.TestHttp.Credentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The server on a random port with API keys and HS256 bearer tokens (issuer and a required
 * {@code client_id} claim configured). Subclasses share one application context: the configuration
 * is declared here only, and the database is an in-memory H2 that lives as long as the context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AuthServerTest {

  public static final String ADMIN_KEY = "qk_test_admin_key_0123456789";
  public static final String SECRET = "quarry-test-hs256-secret-0123456789-abcdef";
  public static final String ISSUER = "https://idp.example.test";
  public static final String CLIENT_ID = "quarry-cli";

  private static final Path HOME = tempDir();

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) {
    r.add("quarry.home", HOME::toString);
    r.add("spring.datasource.url", () -> "jdbc:h2:mem:auth-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    r.add("quarry.admin-key", () -> ADMIN_KEY);
    r.add("quarry.jwt.secret", () -> SECRET);
    r.add("quarry.jwt.issuer", () -> ISSUER);
    // Brackets keep the underscore: unbracketed map keys lose every character but [a-z0-9.-].
    r.add("quarry.jwt.required-claims[client_id]", () -> CLIENT_ID);
    r.add("quarry.rate-limit.capacity", () -> "100000");
    r.add("quarry.rate-limit.per-minute", () -> "100000");
  }

  @LocalServerPort protected int port;
  @Autowired protected JdbcClient jdbc;

  protected TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
  }

  protected static Credentials admin() {
    return Credentials.key(ADMIN_KEY);
  }

  /** A new user (through the API, as an admin would) and its first key. */
  protected NewUser newUser(String role) {
    String name = "user-" + UUID.randomUUID();
    HttpResponse<String> r = http.post("/api/v1/users", admin(),
        "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode body = TestHttp.json(r);
    return new NewUser(body.path("user").path("id").asString(), name, body.path("key").asString());
  }

  protected record NewUser(String id, String name, String key) {
    public Credentials credentials() {
      return Credentials.key(key);
    }
  }

  /** Asserts a JSON ApiError with this status. */
  protected static JsonNode assertError(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/json"));
    JsonNode body = TestHttp.json(r);
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("detail").asString()).isNotBlank();
    return body;
  }

  private static Path tempDir() {
    try {
      Path dir = Files.createTempDirectory("quarry-auth-test");
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
