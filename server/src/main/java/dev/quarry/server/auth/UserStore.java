package dev.quarry.server.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Users and API keys. Keys are stored as SHA-256 hashes only; the key itself is shown once. */
@Repository
public class UserStore {

  /**
   * How stale {@code last_used_at} may get. Writing it on every request would turn each read into
   * a write; a minute is precise enough to tell live keys from forgotten ones.
   */
  static final Duration LAST_USED_PRECISION = Duration.ofMinutes(1);

  private final JdbcClient jdbc;

  public UserStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A user as listed: the authenticated identity plus when it was created. */
  public record UserAccount(String id, String name, Role role, Instant createdAt) {}

  /** A key as listed: never the key or its hash. */
  public record KeyInfo(String id, String userId, String prefix, String name, Instant createdAt,
      Instant lastUsedAt, Instant revokedAt) {

    public boolean revoked() {
      return revokedAt != null;
    }
  }

  /** The result of looking up a presented key: which key it is and whose. */
  public record KeyMatch(String keyId, QuarryUser user, Instant lastUsedAt) {}

  /**
   * Creates a user.
   *
   * @throws DuplicateKeyException when the name is taken
   */
  public QuarryUser createUser(String name, Role role) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("INSERT INTO quarry_users (id, name, role, created_at) VALUES (:id, :name, :role, :now)")
        .param("id", id).param("name", name).param("role", role.name()).param("now", now())
        .update();
    return new QuarryUser(id, name, role);
  }

  /**
   * The user with this name, created with {@code role} when there is none. Safe when two requests
   * for a new user race (on one instance or several): the loser of the insert reads the winner's row.
   */
  public QuarryUser findOrCreateUser(String name, Role role) {
    Optional<QuarryUser> existing = findUserByName(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      return createUser(name, role);
    } catch (DuplicateKeyException raced) {
      return findUserByName(name).orElseThrow(() -> raced);
    }
  }

  public Optional<QuarryUser> findUser(String id) {
    return jdbc.sql("SELECT id, name, role FROM quarry_users WHERE id = :id").param("id", id)
        .query(UserStore::user).optional();
  }

  public Optional<QuarryUser> findUserByName(String name) {
    return jdbc.sql("SELECT id, name, role FROM quarry_users WHERE name = :name").param("name", name)
        .query(UserStore::user).optional();
  }

  public Optional<UserAccount> findAccount(String id) {
    return jdbc.sql("SELECT id, name, role, created_at FROM quarry_users WHERE id = :id")
        .param("id", id).query(UserStore::account).optional();
  }

  public List<QuarryUser> users() {
    return jdbc.sql("SELECT id, name, role FROM quarry_users ORDER BY name").query(UserStore::user).list();
  }

  public List<UserAccount> accounts() {
    return jdbc.sql("SELECT id, name, role, created_at FROM quarry_users ORDER BY name")
        .query(UserStore::account).list();
  }

  /** A new user and its first key, both or neither. */
  @Transactional
  public QuarryUser createUserWithKey(String name, Role role, String key, String keyName) {
    QuarryUser user = createUser(name, role);
    addKey(user.id(), key, keyName);
    return user;
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
    return matchKey(key).map(KeyMatch::user);
  }

  /** The live (not revoked) key with this value, and its owner. */
  public Optional<KeyMatch> matchKey(String key) {
    return jdbc.sql("""
        SELECT k.id AS key_id, k.last_used_at, u.id, u.name, u.role
        FROM api_keys k JOIN quarry_users u ON u.id = k.user_id
        WHERE k.key_hash = :hash AND k.revoked_at IS NULL""")
        .param("hash", ApiKeys.hash(key))
        .query((rs, i) -> new KeyMatch(rs.getString("key_id"), user(rs, i), instant(rs, "last_used_at")))
        .optional();
  }

  /**
   * Records that a key was just used, unless that was already recorded less than
   * {@link #LAST_USED_PRECISION} ago; the condition makes concurrent requests (and instances)
   * write at most once per interval.
   */
  public void touchKey(KeyMatch match) {
    OffsetDateTime now = now();
    if (match.lastUsedAt() != null
        && match.lastUsedAt().isAfter(now.toInstant().minus(LAST_USED_PRECISION))) {
      return;
    }
    jdbc.sql("""
        UPDATE api_keys SET last_used_at = :now
        WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :cutoff)""")
        .param("now", now).param("id", match.keyId()).param("cutoff", now.minus(LAST_USED_PRECISION))
        .update();
  }

  /** A user's keys, newest first, revoked ones included. */
  public List<KeyInfo> keys(String userId) {
    return jdbc.sql("""
        SELECT id, user_id, key_prefix, name, created_at, last_used_at, revoked_at FROM api_keys
        WHERE user_id = :u ORDER BY created_at DESC, id""")
        .param("u", userId).query(UserStore::key).list();
  }

  public Optional<KeyInfo> findKey(String id) {
    return jdbc.sql("""
        SELECT id, user_id, key_prefix, name, created_at, last_used_at, revoked_at FROM api_keys
        WHERE id = :id""")
        .param("id", id).query(UserStore::key).optional();
  }

  /** Revokes a key; revoking an already revoked key keeps its first revocation time. */
  public void revokeKey(String id) {
    jdbc.sql("UPDATE api_keys SET revoked_at = :now WHERE id = :id AND revoked_at IS NULL")
        .param("now", now()).param("id", id).update();
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

  private static QuarryUser user(ResultSet rs, int row) throws SQLException {
    return new QuarryUser(rs.getString("id"), rs.getString("name"), Role.valueOf(rs.getString("role")));
  }

  private static UserAccount account(ResultSet rs, int row) throws SQLException {
    return new UserAccount(rs.getString("id"), rs.getString("name"), Role.valueOf(rs.getString("role")),
        instant(rs, "created_at"));
  }

  private static KeyInfo key(ResultSet rs, int row) throws SQLException {
    return new KeyInfo(rs.getString("id"), rs.getString("user_id"), rs.getString("key_prefix"),
        rs.getString("name"), instant(rs, "created_at"), instant(rs, "last_used_at"),
        instant(rs, "revoked_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }
}
