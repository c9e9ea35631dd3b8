package dev.quarry.server.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code jobs} table. Every state change is one conditional UPDATE, safe across instances. */
@Repository
public class JobStore {

  private final JdbcClient jdbc;

  public JobStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Inserts a new QUEUED job and returns it. */
  public Job create(String type, String ownerId, String datasetId, String spec, String stage) {
    String id = UUID.randomUUID().toString();
    OffsetDateTime now = now();
    jdbc.sql("""
        INSERT INTO jobs (id, type, owner_id, dataset_id, spec, status, stage, created_at, updated_at)
        VALUES (:id, :type, :owner, :dataset, :spec, 'QUEUED', :stage, :now, :now)""")
        .param("id", id).param("type", type).param("owner", ownerId).param("dataset", datasetId)
        .param("spec", spec).param("stage", stage).param("now", now)
        .update();
    return find(id).orElseThrow();
  }

  public Optional<Job> find(String id) {
    return jdbc.sql("SELECT * FROM jobs WHERE id = :id").param("id", id).query(JobStore::map).optional();
  }

  /** A page of jobs, newest first; null filters match everything. */
  public List<Job> list(String ownerId, JobStatus status, String type, int offset, int limit) {
    StringBuilder sql = new StringBuilder("SELECT * FROM jobs WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (ownerId != null) {
      sql.append(" AND owner_id = ?");
      args.add(ownerId);
    }
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status.name());
    }
    if (type != null) {
      sql.append(" AND type = ?");
      args.add(type);
    }
    sql.append(" ORDER BY created_at DESC, id LIMIT ? OFFSET ?");
    args.add(limit);
    args.add(offset);
    return jdbc.sql(sql.toString()).params(args).query(JobStore::map).list();
  }

  public long count(String ownerId, JobStatus status, String type) {
    StringBuilder sql = new StringBuilder("SELECT count(*) FROM jobs WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (ownerId != null) {
      sql.append(" AND owner_id = ?");
      args.add(ownerId);
    }
    if (status != null) {
      sql.append(" AND status = ?");
      args.add(status.name());
    }
    if (type != null) {
      sql.append(" AND type = ?");
      args.add(type);
    }
    return jdbc.sql(sql.toString()).params(args).query(Long.class).single();
  }

  /**
   * Marks a job RUNNING for a new attempt, unless it has already ended or was cancelled. Returns
   * the job as it now is, or empty if it must not run.
   */
  public Optional<Job> startAttempt(String id) {
    OffsetDateTime now = now();
    int n = jdbc.sql("""
        UPDATE jobs SET status = 'RUNNING', attempts = attempts + 1, error = NULL,
          started_at = COALESCE(started_at, :now), updated_at = :now
        WHERE id = :id AND status IN ('QUEUED', 'RUNNING') AND cancel_requested = FALSE""")
        .param("id", id).param("now", now).update();
    return n == 1 ? find(id) : Optional.empty();
  }

  public void progress(String id, String stage, long done, long total) {
    jdbc.sql("""
        UPDATE jobs SET stage = COALESCE(:stage, stage), units_done = :done, units_total = :total,
          updated_at = :now WHERE id = :id AND status = 'RUNNING'""")
        .param("id", id).param("stage", stage).param("done", done).param("total", total)
        .param("now", now()).update();
  }

  public void usage(String id, long rows, long bytes) {
    jdbc.sql("UPDATE jobs SET rows_processed = :rows, bytes_processed = :bytes WHERE id = :id")
        .param("id", id).param("rows", rows).param("bytes", bytes).update();
  }

  /** Ends a running or queued job; a job that already ended keeps its first ending. */
  public boolean finish(String id, JobStatus status, String stage, String error, String result) {
    OffsetDateTime now = now();
    return jdbc.sql("""
        UPDATE jobs SET status = :status, stage = COALESCE(:stage, stage), error = :error,
          result = COALESCE(:result, result), finished_at = :now, updated_at = :now
        WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""")
        .param("id", id).param("status", status.name()).param("stage", stage)
        .param("error", error).param("result", result).param("now", now).update() == 1;
  }

  /** Puts a running job back to QUEUED for a retry, keeping the error of the failed attempt. */
  public void requeue(String id, String error) {
    jdbc.sql("""
        UPDATE jobs SET status = 'QUEUED', error = :error, updated_at = :now
        WHERE id = :id AND status = 'RUNNING'""")
        .param("id", id).param("error", error).param("now", now()).update();
  }

  /** Asks a job to stop; returns false if it had already ended. */
  public boolean requestCancel(String id) {
    return jdbc.sql("""
        UPDATE jobs SET cancel_requested = TRUE, updated_at = :now
        WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""")
        .param("id", id).param("now", now()).update() == 1;
  }

  public boolean isCancelRequested(String id) {
    return jdbc.sql("SELECT cancel_requested FROM jobs WHERE id = :id").param("id", id)
        .query(Boolean.class).optional().orElse(true);
  }

  /** Cancels a job that has not started (or waits for a retry); returns false if it is running or ended. */
  public boolean cancelIfQueued(String id) {
    OffsetDateTime now = now();
    return jdbc.sql("""
        UPDATE jobs SET status = 'CANCELLED', cancel_requested = TRUE, finished_at = :now, updated_at = :now
        WHERE id = :id AND status = 'QUEUED'""")
        .param("id", id).param("now", now).update() == 1;
  }

  /** Jobs in a status across all owners and instances (the queue depth, for metrics). */
  public long countByStatus(JobStatus status) {
    return jdbc.sql("SELECT count(*) FROM jobs WHERE status = :status").param("status", status.name())
        .query(Long.class).single();
  }

  public boolean delete(String id) {
    return jdbc.sql("DELETE FROM jobs WHERE id = :id").param("id", id).update() == 1;
  }

  private static OffsetDateTime now() {
    return OffsetDateTime.now(ZoneOffset.UTC);
  }

  private static Job map(ResultSet rs, int row) throws SQLException {
    return new Job(
        rs.getString("id"),
        rs.getString("type"),
        rs.getString("owner_id"),
        rs.getString("dataset_id"),
        rs.getString("spec"),
        JobStatus.valueOf(rs.getString("status")),
        rs.getString("stage"),
        rs.getLong("units_done"),
        rs.getLong("units_total"),
        rs.getInt("attempts"),
        rs.getBoolean("cancel_requested"),
        rs.getString("error"),
        rs.getString("result"),
        rs.getLong("rows_processed"),
        rs.getLong("bytes_processed"),
        instant(rs, "created_at"),
        instant(rs, "started_at"),
        instant(rs, "finished_at"),
        instant(rs, "updated_at"));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static Timestamp timestamp(Instant i) {
    return i == null ? null : Timestamp.from(i);
  }
}
