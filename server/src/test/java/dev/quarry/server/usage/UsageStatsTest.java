package dev.quarry.server.usage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.server.auth.AuthServerTest;
import dev.quarry.server.auth.TestHttp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Usage per user and job type over HTTP. Jobs are inserted directly: the stats read the
 * {@code jobs} table whoever writes it.
 */
class UsageStatsTest extends AuthServerTest {

  private void job(String owner, String type, String status, long rows, long bytes) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql("""
        INSERT INTO jobs (id, type, owner_id, spec, status, stage, rows_processed, bytes_processed,
                          created_at, updated_at)
        VALUES (:id, :type, :owner, '{}', :status, 'X', :rows, :bytes, :now, :now)""")
        .param("id", UUID.randomUUID().toString()).param("type", type).param("owner", owner)
        .param("status", status).param("rows", rows).param("bytes", bytes).param("now", now)
        .update();
  }

  private static JsonNode type(JsonNode stats, String type) {
    for (JsonNode t : stats.path("types")) {
      if (t.path("type").asString().equals(type)) {
        return t;
      }
    }
    throw new AssertionError("no type " + type + " in " + stats);
  }

  @Test
  void eachUserSeesOnlyTheirOwnUsageAndAdminsSeeEveryones() {
    NewUser alice = newUser("USER");
    NewUser bob = newUser("USER");
    job(alice.id(), "profile", "SUCCEEDED", 100, 1_000);
    job(alice.id(), "profile", "SUCCEEDED", 50, 500);
    job(alice.id(), "profile", "FAILED", 7, 70);
    job(alice.id(), "synthesis", "RUNNING", 0, 0);
    job(bob.id(), "profile", "QUEUED", 0, 0);
    job(bob.id(), "profile", "SUCCEEDED", 3_000_000_000L, 9_000_000_000L);

    JsonNode mine = TestHttp.json(http.get("/api/v1/users/me/stats", alice.credentials()));
    assertThat(mine.path("userId").asString()).isEqualTo(alice.id());
    assertThat(mine.path("jobs").asLong()).isEqualTo(4);
    assertThat(mine.path("rowsProcessed").asLong()).isEqualTo(157);
    assertThat(mine.path("bytesProcessed").asLong()).isEqualTo(1_570);
    assertThat(mine.path("types").size()).isEqualTo(2);
    JsonNode profile = type(mine, "profile");
    assertThat(profile.path("jobs").asLong()).isEqualTo(3);
    assertThat(profile.path("rowsProcessed").asLong()).isEqualTo(157);
    assertThat(profile.path("bytesProcessed").asLong()).isEqualTo(1_570);
    assertThat(profile.path("byStatus").path("SUCCEEDED").asLong()).isEqualTo(2);
    assertThat(profile.path("byStatus").path("FAILED").asLong()).isEqualTo(1);
    assertThat(profile.path("byStatus").path("QUEUED").asLong()).isZero();
    assertThat(type(mine, "synthesis").path("byStatus").path("RUNNING").asLong()).isEqualTo(1);

    JsonNode bobs = TestHttp.json(http.get("/api/v1/users/me/stats", bob.credentials()));
    assertThat(bobs.path("jobs").asLong()).isEqualTo(2);
    assertThat(bobs.path("rowsProcessed").asLong()).isEqualTo(3_000_000_000L);
    assertThat(type(bobs, "profile").path("byStatus").path("QUEUED").asLong()).isEqualTo(1);

    assertError(http.get("/api/v1/users/stats", alice.credentials()), 403);
    JsonNode all = TestHttp.json(http.get("/api/v1/users/stats", admin()));
    JsonNode aliceRow = null;
    JsonNode bobRow = null;
    JsonNode adminRow = null;
    for (JsonNode u : all) {
      String id = u.path("userId").asString();
      if (id.equals(alice.id())) {
        aliceRow = u;
      } else if (id.equals(bob.id())) {
        bobRow = u;
      } else if (u.path("userName").asString().equals("admin")) {
        adminRow = u;
      }
    }
    assertThat(aliceRow).isEqualTo(mine);
    assertThat(bobRow).isEqualTo(bobs);
    // Users without jobs are listed with zeros.
    assertThat(adminRow).isNotNull();
    assertThat(adminRow.path("jobs").asLong()).isZero();
    assertThat(adminRow.path("types").size()).isZero();
  }

  @Test
  void aNewUserHasEmptyStats() {
    NewUser user = newUser("USER");
    JsonNode stats = TestHttp.json(http.get("/api/v1/users/me/stats", user.credentials()));
    assertThat(stats.path("userName").asString()).isEqualTo(user.name());
    assertThat(stats.path("jobs").asLong()).isZero();
    assertThat(stats.path("types").size()).isZero();
  }
}
