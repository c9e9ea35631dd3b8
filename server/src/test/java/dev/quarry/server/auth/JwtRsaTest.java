package dev.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.auth.TestHttp.Credentials;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** RS256 bearer tokens verified with a PEM public key read from a file. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwtRsaTest {

  private static final KeyPair IDP = Tokens.rsaKeyPair();
  private static final KeyPair STRANGER = Tokens.rsaKeyPair();

  @DynamicPropertySource
  static void props(DynamicPropertyRegistry r) throws IOException {
    Path home = Files.createTempDirectory("quarry-rsa-test");
    Path pem = Files.writeString(home.resolve("idp.pem"), Tokens.pem(IDP.getPublic()));
    r.add("quarry.home", home::toString);
    r.add("spring.datasource.url", () -> "jdbc:h2:mem:rsa-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    r.add("quarry.admin-key", () -> AuthServerTest.ADMIN_KEY);
    r.add("quarry.jwt.public-key-location", () -> "file:" + pem);
    r.add("quarry.jwt.user-claim", () -> "preferred_username");
  }

  @LocalServerPort int port;
  private TestHttp http;

  @BeforeEach
  void client() {
    http = new TestHttp(port);
  }

  private static String token(KeyPair keys, String user) {
    return Tokens.rs256(keys, Tokens.claims("ignored-subject").claim("preferred_username", user).build());
  }

  @Test
  void aTokenSignedWithTheConfiguredKeyIsAccepted() {
    HttpResponse<String> r = http.get("/api/v1/users/me", Credentials.bearer(token(IDP, "dana")));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode me = TestHttp.json(r);
    // The configured user claim names the user, not sub.
    assertThat(me.path("name").asString()).isEqualTo("dana");
    assertThat(me.path("authenticatedBy").asString()).isEqualTo("JWT");
  }

  @Test
  void aTokenSignedWithAnotherKeyIs401() {
    HttpResponse<String> r = http.get("/api/v1/users/me", Credentials.bearer(token(STRANGER, "mallory")));
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(TestHttp.json(r).path("status").asInt()).isEqualTo(401);
  }

  @Test
  void anHs256TokenIsNotAcceptedByAnRsaConfiguredServer() {
    // The classic confusion attack: an HMAC token "signed" with the public key's bytes.
    String token = Tokens.hs256(Tokens.pem(IDP.getPublic()),
        Tokens.claims("x").claim("preferred_username", "eve").build());
    assertThat(http.get("/api/v1/users/me", Credentials.bearer(token)).statusCode()).isEqualTo(401);
  }

  @Test
  void apiKeysKeepWorkingAlongsideTokens() {
    assertThat(http.get("/api/v1/users/me", Credentials.key(AuthServerTest.ADMIN_KEY)).statusCode()).isEqualTo(200);
  }
}
