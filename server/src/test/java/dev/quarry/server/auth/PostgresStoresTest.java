package dev.quarry.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.server.usage.UsageStats;
import dev.quarry.server.usage.UsageStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The user, key and usage SQL on a real PostgreSQL with the production migrations (the HTTP
 * tests run on H2): conflict handling, the conditional last-used update and the aggregates.
 */
class PostgresStoresTest {

  private static EmbeddedPostgres postgres;
  private static JdbcClient jdbc;
  private static UserStore users;
  private static UsageStore usage;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.start();
    DataSource ds = postgres.getPostgresDatabase();
    Flyway.configure().dataSource(ds).locations("classpath:db/migration/postgresql").load().migrate();
    jdbc = JdbcClient.create(ds);
    users = new UserStore(jdbc);
    usage = new UsageStore(jdbc);
  }

  @AfterAll
  static void stop() throws Exception {
    postgres.close();
  }

  @Test
  void concurrentFirstRequestsOfANewUserCreateItOnce() throws Exception {
    String name = "racer-" + UUID.randomUUID();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<QuarryUser>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(pool.submit(() -> {
          go.await();
          return users.findOrCreateUser(name, Role.USER);
        }));
      }
      go.countDown();
      Set<String> ids = new HashSet<>();
      for (Future<QuarryUser> f : results) {
        ids.add(f.get().id());
      }
      assertThat(ids).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(jdbc.sql("SELECT count(*) FROM quarry_users WHERE name = :n").param("n", name)
        .query(Long.class).single()).isEqualTo(1);
    assertThatThrownBy(() -> users.createUser(name, Role.USER)).isInstanceOf(DuplicateKeyException.class);
  }

  @Test
  void lastUseIsWrittenAtMostOncePerInterval() {
    QuarryUser u = users.createUser("keys-" + UUID.randomUUID(), Role.USER);
    String key = ApiKeys.generate();
    String id = users.addKey(u.id(), key, "k");

    UserStore.KeyMatch fresh = users.matchKey(key).orElseThrow();
    assertThat(fresh.lastUsedAt()).isNull();
    users.touchKey(fresh);
    OffsetDateTime first = lastUsed(id);
    assertThat(first).isNotNull();

    // A stale read (another request that looked the key up before the write) changes nothing.
    users.touchKey(fresh);
    assertThat(lastUsed(id)).isEqualTo(first);

    // Once the recorded use is older than the interval, the next use is recorded.
    OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minus(UserStore.LAST_USED_PRECISION).minusSeconds(5);
    jdbc.sql("UPDATE api_keys SET last_used_at = :t WHERE id = :id").param("t", old).param("id", id).update();
    users.touchKey(users.matchKey(key).orElseThrow());
    assertThat(lastUsed(id)).isAfter(old);

    users.revokeKey(id);
    assertThat(users.matchKey(key)).isEmpty();
    assertThat(users.findKey(id).orElseThrow().revoked()).isTrue();
  }

  @Test
  void aUserIsCreatedWithItsFirstKey() {
    String name = "pair-" + UUID.randomUUID();
    String key = ApiKeys.generate();
    QuarryUser u = users.createUserWithKey(name, Role.ADMIN, key, "first");
    assertThat(users.matchKey(key).orElseThrow().user()).isEqualTo(u);
    assertThat(users.keys(u.id())).extracting(UserStore.KeyInfo::prefix).containsExactly(ApiKeys.prefix(key));
  }

  @Test
  void usageIsGroupedByTypeAndStatusPerUser() {
    QuarryUser a = users.createUser("usage-a-" + UUID.randomUUID(), Role.USER);
    QuarryUser b = users.createUser("usage-b-" + UUID.randomUUID(), Role.USER);
    job(a.id(), "profile", "SUCCEEDED", 10, 100);
    job(a.id(), "profile", "SUCCEEDED", 5_000_000_000L, 7_000_000_000L);
    job(a.id(), "profile", "CANCELLED", 1, 1);
    job(a.id(), "slice", "QUEUED", 0, 0);
    job(b.id(), "profile", "FAILED", 3, 30);

    UsageStats stats = usage.forUser(a.id()).orElseThrow();
    assertThat(stats.jobs()).isEqualTo(4);
    assertThat(stats.rowsProcessed()).isEqualTo(5_000_000_011L);
    assertThat(stats.bytesProcessed()).isEqualTo(7_000_000_101L);
    assertThat(stats.types()).extracting(UsageStats.TypeUsage::type).containsExactly("profile", "slice");
    UsageStats.TypeUsage profile = stats.types().get(0);
    assertThat(profile.jobs()).isEqualTo(3);
    assertThat(profile.byStatus()).containsEntry("SUCCEEDED", 2L).containsEntry("CANCELLED", 1L)
        .containsEntry("FAILED", 0L);

    List<UsageStats> all = usage.forAllUsers();
    assertThat(all.stream().map(UsageStats::userId).collect(Collectors.toSet())).contains(a.id(), b.id());
    assertThat(all).filteredOn(s -> s.userId().equals(a.id())).containsExactly(stats);
    assertThat(all).filteredOn(s -> s.userId().equals(b.id())).singleElement()
        .satisfies(s -> assertThat(s.types().get(0).byStatus()).containsEntry("FAILED", 1L));
    assertThat(usage.forUser("no-such-user")).isEmpty();
  }

  private static OffsetDateTime lastUsed(String keyId) {
    return jdbc.sql("SELECT last_used_at FROM api_keys WHERE id = :id").param("id", keyId)
        .query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).single();
  }

  private static void job(String owner, String type, String status, long rows, long bytes) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql("""
        INSERT INTO jobs (id, type, owner_id, spec, status, stage, rows_processed, bytes_processed,
                          created_at, updated_at)
        VALUES (:id, :type, :owner, '{}', :status, 'X', :rows, :bytes, :now, :now)""")
        .param("id", UUID.randomUUID().toString()).param("type", type).param("owner", owner)
        .param("status", status).param("rows", rows).param("bytes", bytes).param("now", now)
        .update();
  }
}
