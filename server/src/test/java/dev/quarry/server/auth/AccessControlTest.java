package dev.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.auth.TestHttp.Credentials;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Who may reach what: 401 without valid credentials, 403 for a user on admin routes. */
class AccessControlTest extends AuthServerTest {

  /** One route of each protected family, including ones other parts of the service serve. */
  private static final List<String> PROTECTED = List.of("/api/v1/jobs", "/api/v1/keys",
      "/api/v1/users/me", "/api/v1/users/me/stats", "/profiler/job_status/x", "/api/v1/users",
      "/api/v1/users/stats", "/actuator/prometheus");

  private static final List<String> ADMIN_ONLY = List.of("/api/v1/users", "/api/v1/users/stats",
      "/actuator/prometheus");

  @Test
  void everyProtectedRouteWithoutCredentialsIs401Json() {
    for (String path : PROTECTED) {
      JsonNode body = assertError(http.get(path, Credentials.NONE), 401);
      assertThat(body.path("path").asString()).isEqualTo(path);
      assertThat(body.path("detail").asString()).contains("missing");
    }
    assertError(http.post("/profiler/trigger_profile", Credentials.NONE, "{}"), 401);
    assertError(http.delete("/api/v1/keys/x", Credentials.NONE), 401);
  }

  @Test
  void anUnknownKeyIs401EvenOnPublicRoutes() {
    for (String path : PROTECTED) {
      assertError(http.get(path, Credentials.key("qk_not_a_key")), 401);
    }
    assertError(http.get("/actuator/health", Credentials.key("qk_not_a_key")), 401);
  }

  @Test
  void aRevokedKeyIs401OnEveryRoute() {
    NewUser user = newUser("USER");
    assertThat(http.get("/api/v1/users/me", user.credentials()).statusCode()).isEqualTo(200);
    String keyId = TestHttp.json(http.get("/api/v1/keys", user.credentials())).get(0).path("id").asString();
    assertThat(http.delete("/api/v1/keys/" + keyId, admin()).statusCode()).isEqualTo(204);
    for (String path : PROTECTED) {
      JsonNode body = assertError(http.get(path, user.credentials()), 401);
      assertThat(body.path("detail").asString()).contains("revoked");
    }
  }

  @Test
  void aUserOnAdminRoutesIs403Json() {
    NewUser user = newUser("USER");
    for (String path : ADMIN_ONLY) {
      JsonNode body = assertError(http.get(path, user.credentials()), 403);
      assertThat(body.path("path").asString()).isEqualTo(path);
    }
    assertError(http.post("/api/v1/users", user.credentials(), "{\"name\":\"sneaky\"}"), 403);
    assertThat(jdbc.sql("SELECT count(*) FROM quarry_users WHERE name = 'sneaky'").query(Long.class).single())
        .isZero();
    for (String path : ADMIN_ONLY) {
      assertThat(http.get(path, admin()).statusCode()).as(path).isEqualTo(200);
    }
  }

  @Test
  void aBearerTokenThatIsNotAJwtIs401() {
    HttpResponse<String> r = http.get("/api/v1/users/me", Credentials.bearer("not-a-jwt"));
    assertError(r, 401);
    assertThat(r.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        v -> assertThat(v).contains("invalid_token"));
  }

  @Test
  void healthAndTheApiDocumentAreOpen() {
    assertThat(http.get("/actuator/health", Credentials.NONE).statusCode()).isEqualTo(200);
    assertThat(http.get("/actuator/health/liveness", Credentials.NONE).statusCode()).isEqualTo(200);
    HttpResponse<String> docs = http.get("/v3/api-docs", Credentials.NONE);
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode api = TestHttp.json(docs);
    JsonNode schemes = api.path("components").path("securitySchemes");
    assertThat(schemes.path("apiKey").path("type").asString()).isEqualTo("apiKey");
    assertThat(schemes.path("apiKey").path("in").asString()).isEqualTo("header");
    assertThat(schemes.path("apiKey").path("name").asString()).isEqualTo("X-API-Key");
    assertThat(schemes.path("bearerJwt").path("scheme").asString()).isEqualTo("bearer");
    assertThat(schemes.path("bearerJwt").path("bearerFormat").asString()).isEqualTo("JWT");
    assertThat(api.path("security").toString()).contains("apiKey").contains("bearerJwt");
    assertThat(api.path("paths").has("/api/v1/keys")).isTrue();
  }
}
