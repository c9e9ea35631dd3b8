package dev.quarry.server.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code catalog_entries} table. */
@Repository
public class CatalogStore {

  private static final TypeReference<Map<String, String>> MAP = new TypeReference<>() {};

  private final JdbcClient jdbc;
  private final JsonMapper json;

  public CatalogStore(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  /**
   * Records a dataset as queued for indexing (inserting or replacing its row). The job id is null
   * until {@link #assignJob}: the job may finish before its submitter hears of it.
   */
  public void queued(String datasetId, String source, String location, String jobId,
      Map<String, String> metadata, String discovererId, String externalId, String version) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    int updated = jdbc.sql("""
        UPDATE catalog_entries SET source = :source, location = :location, job_id = :job,
          status = 'queued', error = NULL, metadata = :metadata, discoverer_id = :disc,
          external_id = :ext, version = :version, updated_at = :now
        WHERE dataset_id = :id""")
        .param("id", datasetId).param("source", source).param("location", location)
        .param("job", jobId).param("metadata", json.writeValueAsString(metadata))
        .param("disc", discovererId).param("ext", externalId).param("version", version)
        .param("now", now).update();
    if (updated == 0) {
      jdbc.sql("""
          INSERT INTO catalog_entries (dataset_id, source, location, job_id, status, metadata,
            discoverer_id, external_id, version, updated_at)
          VALUES (:id, :source, :location, :job, 'queued', :metadata, :disc, :ext, :version, :now)""")
          .param("id", datasetId).param("source", source).param("location", location)
          .param("job", jobId).param("metadata", json.writeValueAsString(metadata))
          .param("disc", discovererId).param("ext", externalId).param("version", version)
          .param("now", now).update();
    }
  }

  /** Names the job a queued dataset waits for, unless the job has already reported. */
  public void assignJob(String datasetId, String jobId) {
    jdbc.sql("UPDATE catalog_entries SET job_id = :job WHERE dataset_id = :id AND job_id IS NULL")
        .param("id", datasetId).param("job", jobId).update();
  }

  /** Marks the dataset indexed, if {@code jobId} is the job it waits for (or it waits for none yet). */
  public void indexed(String datasetId, String jobId) {
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
    jdbc.sql("""
        UPDATE catalog_entries SET status = 'indexed', error = NULL, job_id = :job, indexed_at = :now,
          updated_at = :now
        WHERE dataset_id = :id AND (job_id = :job OR job_id IS NULL)""")
        .param("id", datasetId).param("job", jobId).param("now", now).update();
  }

  public void failed(String datasetId, String jobId, String error) {
    jdbc.sql("""
        UPDATE catalog_entries SET status = 'failed', error = :error, job_id = :job, updated_at = :now
        WHERE dataset_id = :id AND (job_id = :job OR job_id IS NULL)""")
        .param("id", datasetId).param("job", jobId).param("error", error)
        .param("now", OffsetDateTime.now(ZoneOffset.UTC)).update();
  }

  public Optional<CatalogRecord> find(String datasetId) {
    return jdbc.sql("SELECT * FROM catalog_entries WHERE dataset_id = :id").param("id", datasetId)
        .query(this::map).optional();
  }

  public List<CatalogRecord> byDiscoverer(String discovererId) {
    return jdbc.sql("SELECT * FROM catalog_entries WHERE discoverer_id = :d ORDER BY dataset_id")
        .param("d", discovererId).query(this::map).list();
  }

  public List<CatalogRecord> list(String status, int offset, int limit) {
    var sql = jdbc.sql("SELECT * FROM catalog_entries"
        + (status == null ? "" : " WHERE status = :status")
        + " ORDER BY updated_at DESC, dataset_id LIMIT :limit OFFSET :offset")
        .param("limit", limit).param("offset", offset);
    if (status != null) {
      sql = sql.param("status", status);
    }
    return sql.query(this::map).list();
  }

  public boolean delete(String datasetId) {
    return jdbc.sql("DELETE FROM catalog_entries WHERE dataset_id = :id").param("id", datasetId)
        .update() == 1;
  }

  private CatalogRecord map(ResultSet rs, int row) throws SQLException {
    String metadata = rs.getString("metadata");
    OffsetDateTime indexed = rs.getObject("indexed_at", OffsetDateTime.class);
    return new CatalogRecord(rs.getString("dataset_id"), rs.getString("source"),
        rs.getString("location"), rs.getString("job_id"), rs.getString("status"),
        rs.getString("error"), metadata == null ? Map.of() : json.readValue(metadata, MAP),
        rs.getString("discoverer_id"), rs.getString("external_id"), rs.getString("version"),
        indexed == null ? null : indexed.toInstant(),
        rs.getObject("updated_at", OffsetDateTime.class).toInstant());
  }
}
