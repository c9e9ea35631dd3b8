package dev.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.server.auth.TestHttp.Credentials;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import tools.jackson.databind.JsonNode;

/** Keys and users through the API: created, shown once, listed without secrets, revoked. */
class ApiKeyManagementTest extends AuthServerTest {

  @Autowired UserStore users;

  @Test
  void aKeyIsCreatedUsedListedWithoutItsSecretAndRevoked() {
    NewUser user = newUser("USER");
    HttpResponse<String> created = http.post("/api/v1/keys", user.credentials(), "{\"name\":\"ci\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode c = TestHttp.json(created);
    String key = c.path("key").asString();
    String id = c.path("id").asString();
    assertThat(key).startsWith("qk_").hasSize(46);
    assertThat(c.path("prefix").asString()).isEqualTo(key.substring(0, 10));
    assertThat(c.path("name").asString()).isEqualTo("ci");

    HttpResponse<String> me = http.get("/api/v1/users/me", Credentials.key(key));
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(TestHttp.json(me).path("id").asString()).isEqualTo(user.id());

    HttpResponse<String> list = http.get("/api/v1/keys", Credentials.key(key));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).doesNotContain(key).doesNotContain(ApiKeys.hash(key));
    JsonNode keys = TestHttp.json(list);
    assertThat(keys.size()).isEqualTo(2);
    JsonNode listed = keys.get(0);
    assertThat(listed.path("id").asString()).isEqualTo(id);
    assertThat(listed.path("prefix").asString()).isEqualTo(key.substring(0, 10));
    assertThat(listed.path("revoked").asBoolean()).isFalse();
    assertThat(listed.has("key")).isFalse();
    // Used just now, so its last use is recorded.
    assertThat(Instant.parse(listed.path("lastUsedAt").asString())).isAfter(Instant.now().minusSeconds(120));

    assertThat(http.delete("/api/v1/keys/" + id, Credentials.key(key)).statusCode()).isEqualTo(204);
    assertError(http.get("/api/v1/users/me", Credentials.key(key)), 401);
    JsonNode after = TestHttp.json(http.get("/api/v1/keys", user.credentials()));
    assertThat(after.get(0).path("revoked").asBoolean()).isTrue();
    assertThat(after.get(0).path("revokedAt").asString()).isNotBlank();
    // Revoking again is harmless.
    assertThat(http.delete("/api/v1/keys/" + id, user.credentials()).statusCode()).isEqualTo(204);
  }

  @Test
  void aUserCannotSeeOrRevokeAnotherUsersKey() {
    NewUser alice = newUser("USER");
    NewUser bob = newUser("USER");
    String bobsKeyId = TestHttp.json(http.get("/api/v1/keys", bob.credentials())).get(0).path("id").asString();

    assertError(http.delete("/api/v1/keys/" + bobsKeyId, alice.credentials()), 404);
    assertThat(http.get("/api/v1/users/me", bob.credentials()).statusCode()).isEqualTo(200);
    assertError(http.get("/api/v1/keys?userId=" + bob.id(), alice.credentials()), 403);
    assertError(http.delete("/api/v1/keys/no-such-key", alice.credentials()), 404);

    // An admin may list and revoke anyone's.
    assertThat(TestHttp.json(http.get("/api/v1/keys?userId=" + bob.id(), admin())).get(0).path("id").asString())
        .isEqualTo(bobsKeyId);
    assertThat(http.delete("/api/v1/keys/" + bobsKeyId, admin()).statusCode()).isEqualTo(204);
    assertError(http.get("/api/v1/users/me", bob.credentials()), 401);
  }

  @Test
  void aKeyNeedsNoBody() {
    NewUser user = newUser("USER");
    HttpResponse<String> r = http.post("/api/v1/keys", user.credentials(), null);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    assertThat(TestHttp.json(r).path("key").asString()).startsWith("qk_");
  }

  @Test
  void anAdminCreatesUsersWithAFirstKeyAndListsThem() {
    HttpResponse<String> r = http.post("/api/v1/users", admin(), "{\"name\":\"carol\",\"role\":\"ADMIN\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode created = TestHttp.json(r);
    assertThat(created.path("user").path("name").asString()).isEqualTo("carol");
    assertThat(created.path("user").path("role").asString()).isEqualTo("ADMIN");
    String key = created.path("key").asString();
    assertThat(created.path("keyPrefix").asString()).isEqualTo(key.substring(0, 10));

    // carol is an admin: she may list users.
    HttpResponse<String> list = http.get("/api/v1/users", Credentials.key(key));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("\"carol\"").contains("\"admin\"");

    JsonNode dup = assertError(http.post("/api/v1/users", admin(), "{\"name\":\"carol\"}"), 409);
    assertThat(dup.path("field").asString()).isEqualTo("name");
  }

  @Test
  void aUserWhoseFirstKeyCannotBeStoredIsNotCreated() {
    String name = "half-" + UUID.randomUUID();
    // The admin's key is taken (its hash is unique), so storing it again fails after the user insert.
    assertThatThrownBy(() -> users.createUserWithKey(name, Role.USER, ADMIN_KEY, "dup"))
        .isInstanceOf(DuplicateKeyException.class);
    assertThat(users.findUserByName(name)).isEmpty();
  }

  @Test
  void badUserRequestsAre400NamingTheField() {
    assertThat(assertError(http.post("/api/v1/users", admin(), "{\"name\":\"\"}"), 400)
        .path("field").asString()).isEqualTo("name");
    assertThat(assertError(http.post("/api/v1/users", admin(), "{\"name\":\"x\",\"role\":\"ROOT\"}"), 400)
        .path("field").asString()).isEqualTo("role");
    assertError(http.post("/api/v1/users", admin(), "{\"name\":\"" + "n".repeat(201) + "\"}"), 400);
    assertError(http.post("/api/v1/users", admin(), "not json"), 400);
    assertError(http.post("/api/v1/keys", admin(), "{\"name\":\"" + "n".repeat(201) + "\"}"), 400);
  }

  @Test
  void meDescribesTheCaller() {
    JsonNode me = TestHttp.json(http.get("/api/v1/users/me", admin()));
    assertThat(me.path("name").asString()).isEqualTo("admin");
    assertThat(me.path("role").asString()).isEqualTo("ADMIN");
    assertThat(me.path("authenticatedBy").asString()).isEqualTo("API_KEY");
    assertThat(me.path("createdAt").asString()).isNotBlank();
  }
}
