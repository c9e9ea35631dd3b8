package dev.quarry.server.auth;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users and API keys. Keys are stored as SHA-256 hashes only; the key itself is shown once. */
@Repository
public class UserStore {

  private final JdbcClient jdbc;

  public UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  public QuarryUser createUser(String name, Role role) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("INSERT INTO quarry_users (id, name, role, created_at) VALUES (:id, :name, :role, :now)")
        .param("id", id).param("name", name).param("role", role.name()).param("now", now())
        .update();
    return new QuarryUser(id, name, role);
  }

  public Optional<QuarryUser> findUser(String id) {
    return jdbc.sql("SELECT id, name, role FROM quarry_users WHERE id = :id").param("id", id)
        .query((rs, i) -> new QuarryUser(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))))
        .optional();
  }

  public Optional<QuarryUser> findUserByName(String name) {
    return jdbc.sql("SELECT id, name, role FROM quarry_users WHERE name = :name").param("name", name)
        .query((rs, i) -> new QuarryUser(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))))
        .optional();
  }

  public List<QuarryUser> users() {
    return jdbc.sql("SELECT id, name, role FROM quarry_users ORDER BY name")
        .query((rs, i) -> new QuarryUser(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))))
        .list();
  }

  /** Stores a key's hash for a user and returns the key's id. */
  public String addKey(String userId, String key, String name) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        INSERT INTO api_keys (id, user_id, key_hash, key_prefix, name, created_at)
        VALUES (:id, :user, :hash, :prefix, :name, :now)""")
        .param("id", id).param("user", userId).param("hash", ApiKeys.hash(key))
        .param("prefix", ApiKeys.prefix(key)).param("name", name).param("now", now())
        .update();
    return id;
  }

  /** The user owning a live (not revoked) key. */
  public Optional<QuarryUser> userForKey(String key) {
    return jdbc.sql("""
        SELECT u.id, u.name, u.role FROM api_keys k JOIN quarry_users u ON u.id = k.user_id
        WHERE k.key_hash = :hash AND k.revoked_at IS NULL""")
        .param("hash", ApiKeys.hash(key))
        .query((rs, i) -> new QuarryUser(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3))))
        .optional();
  }

  public boolean hasKeyHash(String key) {
    return jdbc.sql("SELECT count(*) FROM api_keys WHERE key_hash = :hash")
        .param("hash", ApiKeys.hash(key)).query(Long.class).single() > 0;
  }

  public long liveKeyCount(String userId) {
    return jdbc.sql("SELECT count(*) FROM api_keys WHERE user_id = :u AND revoked_at IS NULL")
        .param("u", userId).query(Long.class).single();
  }

  static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }
}
