package dev.quarry.server.datasets;

import dev.quarry.core.model.DatasetSpec;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** The {@code datasets} table; the spec is kept as JSON. */
@Repository
public class DatasetStore {

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public DatasetStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public Dataset create(String ownerId, DatasetSpec spec) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql("""
        INSERT INTO datasets (id, owner_id, name, spec, created_at, updated_at)
        VALUES (:id, :owner, :name, :spec, :now, :now)""")
        .param("id", id).param("owner", ownerId).param("name", truncate(spec.name()))
        .param("spec", json.writeValueAsString(spec)).param("now", now).update();
    return find(id).orElseThrow();
  }

  public Optional<Dataset> find(String id) {
    return jdbc.sql("SELECT * FROM datasets WHERE id = :id").param("id", id).query(this::map).optional();
  }

  /** Newest first; a null owner lists everyone's. */
  public List<Dataset> list(String ownerId, int offset, int limit) {
    String where = ownerId == null ? "" : " WHERE owner_id = :owner";
    var sql = jdbc.sql("SELECT * FROM datasets" + where + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
        .param("limit", limit).param("offset", offset);
    if (ownerId != null) {
      sql = sql.param("owner", ownerId);
    }
    return sql.query(this::map).list();
  }

  public long count(String ownerId) {
    var sql = jdbc.sql("SELECT count(*) FROM datasets" + (ownerId == null ? "" : " WHERE owner_id = :owner"));
    if (ownerId != null) {
      sql = sql.param("owner", ownerId);
    }
    return sql.query(Long.class).single();
  }

  public boolean delete(String id) {
    return jdbc.sql("DELETE FROM datasets WHERE id = :id").param("id", id).update() == 1;
  }

  private static String truncate(String name) {
    return name == null || name.length() <= 500 ? name : name.substring(0, 500);
  }

  private Dataset map(ResultSet rs, int row) throws SQLException {
    return new Dataset(rs.getString("id"), rs.getString("owner_id"), rs.getString("name"),
        json.readValue(rs.getString("spec"), DatasetSpec.class),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
