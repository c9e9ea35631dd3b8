package dev.quarry.server.jobs;

import java.sql.DatabaseMetaData;
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
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.stereotype.Repository;

/**
 * The {@code jobs} table. Every state change is one conditional UPDATE, safe across instances.
 *
 * <p>Endings, cancel requests and deletions are {@linkplain #flush() flushed} as soon as they are
 * committed (and submissions by {@link JobService}), so that a process killed right after does not
 * forget them.
 */
@Repository
public class JobStore {

  private static final Logger LOG = LoggerFactory.getLogger(JobStore.class);

  private final JdbcClient jdbc;
  private volatile boolean checkpoints;

  public JobStore(JdbcClient jdbc, DataSource dataSource) {
    this.jdbc = jdbc;
    this.checkpoints = isH2(dataSource);
  }

  private static boolean isH2(DataSource dataSource) {
    try {
      return "H2".equals(JdbcUtils.extractDatabaseMetaData(dataSource,
          DatabaseMetaData::getDatabaseProductName));
    } catch (MetaDataAccessException e) {
      return false;
    }
  }

  /**
   * Makes every committed change survive a killed process. The embedded H2 database (MVStore)
   * writes commits to its file in the background, up to {@code WRITE_DELAY} (500 ms) later, so a
   * SIGKILL or an out-of-memory kill would lose the last half second: a job acknowledged to its
   * client would vanish, and a job that had ended would run again. {@code CHECKPOINT} writes them
   * now (to the operating system: a process crash no longer loses them, a power loss still may).
   * PostgreSQL makes each commit durable by itself: nothing to do.
   */
  public void flush() {
    if (!checkpoints) {
      return;
    }
    try {
      jdbc.sql("CHECKPOINT").update();
    } catch (DataAccessException e) {
      // CHECKPOINT needs an H2 admin; without one, commits stay as durable as H2 makes them.
      checkpoints = false;
      LOG.warn("cannot flush the H2 database after a job change ({}); a crash may lose the last "
          + "half second of job changes", e.getMostSpecificCause().toString());
    }
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
    List<Object> args = new ArrayList<>();
    String sql = "SELECT * FROM jobs" + where(ownerId, status, type, args)
        + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?";
    args.add(limit);
    args.add(offset);
    return jdbc.sql(sql).params(args).query(JobStore::map).list();
  }

  public long count(String ownerId, JobStatus status, String type) {
    List<Object> args = new ArrayList<>();
    return jdbc.sql("SELECT count(*) FROM jobs" + where(ownerId, status, type, args)).params(args)
        .query(Long.class).single();
  }

  /** The WHERE clause of the list filters, adding their values to {@code args}. */
  private static String where(String ownerId, JobStatus status, String type, List<Object> args) {
    StringBuilder sql = new StringBuilder(" WHERE 1 = 1");
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
    return sql.toString();
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
    boolean ended = jdbc.sql("""
        UPDATE jobs SET status = :status, stage = COALESCE(:stage, stage), error = :error,
          result = COALESCE(:result, result), finished_at = :now, updated_at = :now
        WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""")
        .param("id", id).param("status", status.name()).param("stage", stage)
        .param("error", error).param("result", result).param("now", now).update() == 1;
    if (ended) {
      flush();
    }
    return ended;
  }

  /** Puts a running job back to QUEUED for a retry, keeping the error of the failed attempt. */
  public void requeue(String id, String error) {
    jdbc.sql("""
        UPDATE jobs SET status = 'QUEUED', error = :error, updated_at = :now
        WHERE id = :id AND status = 'RUNNING'""")
        .param("id", id).param("error", error).param("now", now()).update();
  }

  /**
   * Puts a running job back to QUEUED because its instance shuts down, and takes back the attempt
   * it had started: a run interrupted by a graceful stop is not a failure of the job, and must not
   * bring it closer to {@code maxAttempts}.
   */
  public void requeueStopped(String id) {
    jdbc.sql("""
        UPDATE jobs SET status = 'QUEUED', attempts = attempts - 1, updated_at = :now
        WHERE id = :id AND status = 'RUNNING' AND attempts > 0""")
        .param("id", id).param("now", now()).update();
  }

  /** Asks a job to stop; returns false if it had already ended. */
  public boolean requestCancel(String id) {
    boolean requested = jdbc.sql("""
        UPDATE jobs SET cancel_requested = TRUE, updated_at = :now
        WHERE id = :id AND status IN ('QUEUED', 'RUNNING')""")
        .param("id", id).param("now", now()).update() == 1;
    if (requested) {
      flush();
    }
    return requested;
  }

  public boolean isCancelRequested(String id) {
    return jdbc.sql("SELECT cancel_requested FROM jobs WHERE id = :id").param("id", id)
        .query(Boolean.class).optional().orElse(true);
  }

  /** Cancels a job that has not started (or waits for a retry); returns false if it is running or ended. */
  public boolean cancelIfQueued(String id) {
    OffsetDateTime now = now();
    boolean cancelled = jdbc.sql("""
        UPDATE jobs SET status = 'CANCELLED', cancel_requested = TRUE, finished_at = :now, updated_at = :now
        WHERE id = :id AND status = 'QUEUED'""")
        .param("id", id).param("now", now).update() == 1;
    if (cancelled) {
      flush();
    }
    return cancelled;
  }

  /** Jobs in a status across all owners and instances (the queue depth, for metrics). */
  public long countByStatus(JobStatus status) {
    return jdbc.sql("SELECT count(*) FROM jobs WHERE status = :status").param("status", status.name())
        .query(Long.class).single();
  }

  public boolean delete(String id) {
    boolean deleted = jdbc.sql("DELETE FROM jobs WHERE id = :id").param("id", id).update() == 1;
    flush();
    return deleted;
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
