package dev.quarry.server.discovery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code discoverers} table. */
@Repository
public class DiscovererStore {

  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public DiscovererStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public DiscovererConfig create(String ownerId, String name, String type, Map<String, String> settings,
      long intervalSeconds) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql("""
        INSERT INTO discoverers (id, owner_id, name, type, config, interval_seconds, next_run_at, created_at)
        VALUES (:id, :owner, :name, :type, :config, :interval, :now, :now)""")
        .param("id", id).param("owner", ownerId).param("name", name).param("type", type)
        .param("config", json.writeValueAsString(settings)).param("interval", intervalSeconds)
        .param("now", now).update();
    return find(id).orElseThrow();
  }

  public Optional<DiscovererConfig> find(String id) {
    return jdbc.sql("SELECT * FROM discoverers WHERE id = :id").param("id", id).query(this::map).optional();
  }

  public List<DiscovererConfig> list() {
    return jdbc.sql("SELECT * FROM discoverers ORDER BY created_at, id").query(this::map).list();
  }

  public List<DiscovererConfig> due() {
    return jdbc.sql("SELECT * FROM discoverers WHERE next_run_at <= :now ORDER BY next_run_at")
        .param("now", OffsetDateTime.now(ZoneOffset.UTC)).query(this::map).list();
  }

  /**
   * Moves a due discoverer's next run one interval on, if no other instance did so first: the
   * caller that wins submits the run.
   */
  public boolean claim(DiscovererConfig d) {
    OffsetDateTime next = OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(d.intervalSeconds());
    return jdbc.sql("UPDATE discoverers SET next_run_at = :next WHERE id = :id AND next_run_at = :was")
        .param("next", next).param("id", d.id())
        .param("was", d.nextRunAt().atOffset(ZoneOffset.UTC)).update() == 1;
  }

  public void ran(String id, String jobId) {
    jdbc.sql("UPDATE discoverers SET last_run_at = :now, last_job_id = :job WHERE id = :id")
        .param("now", OffsetDateTime.now(ZoneOffset.UTC)).param("job", jobId).param("id", id).update();
  }

  public boolean delete(String id) {
    return jdbc.sql("DELETE FROM discoverers WHERE id = :id").param("id", id).update() == 1;
  }

  private DiscovererConfig map(ResultSet rs, int row) throws SQLException {
    OffsetDateTime last = rs.getObject("last_run_at", OffsetDateTime.class);
    return new DiscovererConfig(rs.getString("id"), rs.getString("owner_id"), rs.getString("name"),
        rs.getString("type"), json.readValue(rs.getString("config"), MAP),
        rs.getLong("interval_seconds"),
        rs.getObject("next_run_at", OffsetDateTime.class).toInstant(),
        last == null ? null : last.toInstant(), rs.getString("last_job_id"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
