package dev.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.PlainHeader;
import com.nimbusds.jwt.PlainJWT;
import dev.quarry.server.auth.TestHttp.Credentials;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** HS256 bearer tokens: verified offline against the configured secret, issuer and claims. */
class JwtBearerTest extends AuthServerTest {

  private static String subject() {
    return "jwt-" + UUID.randomUUID();
  }

  private HttpResponse<String> me(String token) {
    return http.get("/api/v1/users/me", Credentials.bearer(token));
  }

  @Test
  void aValidTokenAuthenticatesAndCreatesItsUserOnce() {
    String sub = subject();
    String token = Tokens.hs256(sub, c -> c);
    HttpResponse<String> first = me(token);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    JsonNode me = TestHttp.json(first);
    assertThat(me.path("name").asString()).isEqualTo(sub);
    assertThat(me.path("role").asString()).isEqualTo("USER");
    assertThat(me.path("authenticatedBy").asString()).isEqualTo("JWT");

    assertThat(me(token).statusCode()).isEqualTo(200);
    assertThat(jdbc.sql("SELECT id, role FROM quarry_users WHERE name = :n").param("n", sub)
        .query((rs, i) -> rs.getString(1) + "/" + rs.getString(2)).list())
        .containsExactly(me.path("id").asString() + "/USER");
  }

  @Test
  void aTokenUserCanUseTheApiLikeAKeyUser() {
    String token = Tokens.hs256(subject(), c -> c);
    HttpResponse<String> created = http.post("/api/v1/keys", Credentials.bearer(token), "{\"name\":\"laptop\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String key = TestHttp.json(created).path("key").asString();
    JsonNode viaKey = TestHttp.json(http.get("/api/v1/users/me", Credentials.key(key)));
    JsonNode viaToken = TestHttp.json(me(token));
    assertThat(viaKey.path("id").asString()).isEqualTo(viaToken.path("id").asString());
    assertThat(viaKey.path("authenticatedBy").asString()).isEqualTo("API_KEY");
  }

  @Test
  void anAdminRoleClaimGrantsAdminForThatToken() {
    String sub = subject();
    assertThat(http.get("/api/v1/users", Credentials.bearer(Tokens.hs256(sub, c -> c.claim("roles",
        List.of("reader", "Admin"))))).statusCode()).isEqualTo(200);
    assertThat(http.get("/api/v1/users/stats", Credentials.bearer(Tokens.hs256(subject(),
        c -> c.claim("role", "user admin")))).statusCode()).isEqualTo(200);
    // The same user with a token that does not claim admin is a plain user for that request.
    assertError(http.get("/api/v1/users", Credentials.bearer(Tokens.hs256(sub, c -> c))), 403);
    assertError(http.get("/api/v1/users", Credentials.bearer(Tokens.hs256(subject(),
        c -> c.claim("roles", List.of("administrator"))))), 403);
  }

  @Test
  void aTokenSignedWithAnotherSecretIs401() {
    String token = Tokens.hs256("another-secret-that-is-also-32-bytes-long!!", Tokens.claims(subject()).build());
    JsonNode body = assertError(me(token), 401);
    assertThat(body.path("detail").asString()).containsIgnoringCase("signature");
  }

  @Test
  void anExpiredTokenIs401() {
    Instant past = Instant.now().minus(Duration.ofHours(1));
    String token = Tokens.hs256(subject(), c -> c.issueTime(Date.from(past.minusSeconds(600)))
        .expirationTime(Date.from(past)));
    JsonNode body = assertError(me(token), 401);
    assertThat(body.path("detail").asString()).containsIgnoringCase("expired");
  }

  @Test
  void aTokenNotYetValidIs401() {
    Instant future = Instant.now().plus(Duration.ofHours(1));
    assertError(me(Tokens.hs256(subject(), c -> c.notBeforeTime(Date.from(future))
        .expirationTime(Date.from(future.plusSeconds(600))))), 401);
  }

  @Test
  void aTokenWithoutExpiryIs401() {
    assertError(me(Tokens.hs256(subject(), c -> c.expirationTime(null))), 401);
  }

  @Test
  void aMissingOrWrongRequiredClaimIs401() {
    String sub = subject();
    JsonNode missing = assertError(me(Tokens.hs256(sub, c -> c.claim("client_id", null))), 401);
    assertThat(missing.path("detail").asString()).contains("client_id");
    assertError(me(Tokens.hs256(sub, c -> c.claim("client_id", "someone-else"))), 401);
    assertThat(jdbc.sql("SELECT count(*) FROM quarry_users WHERE name = :n").param("n", sub)
        .query(Long.class).single()).isZero();
  }

  @Test
  void aWrongIssuerIs401() {
    assertError(me(Tokens.hs256(subject(), c -> c.issuer("https://evil.example"))), 401);
  }

  @Test
  void aTokenWithoutAUsableSubjectIs401() {
    assertError(me(Tokens.hs256(subject(), c -> c.subject(null))), 401);
    assertError(me(Tokens.hs256(subject(), c -> c.subject("x".repeat(201)))), 401);
  }

  @Test
  void anUnsignedTokenIs401() {
    String unsigned = new PlainJWT(new PlainHeader.Builder().type(JOSEObjectType.JWT).build(),
        Tokens.claims(subject()).build()).serialize();
    assertError(me(unsigned), 401);
  }
}
