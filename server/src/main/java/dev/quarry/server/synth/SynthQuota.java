package dev.quarry.server.synth;

import dev.quarry.server.QuarryProperties;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.web.ApiException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-user row quotas: {@code quarry.synth.max-rows-per-request} and {@code max-rows-per-day} (a
 * UTC day). A day's use is read from the {@code jobs} table: {@code rows_processed} of the user's
 * {@code synth} jobs created today, streamed requests included (they are recorded as finished
 * jobs), where a job that has not ended counts the rows it will write. Requests of this instance
 * that are streaming and not yet recorded are held as reservations, and a user's check and
 * reservation happen under one lock, so concurrent requests of a user cannot together pass the
 * quota on one instance (instances do not share reservations).
 */
@Component
public class SynthQuota {

  private final QuarryProperties.Synth config;
  private final JdbcClient jdbc;
  private final JsonMapper json;
  private final ConcurrentHashMap<String, Long> reserved = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

  public SynthQuota(QuarryProperties properties, JdbcClient jdbc, JsonMapper json) {
    this.config = properties.synth();
    this.jdbc = jdbc;
    this.json = json;
  }

  /** Rows held for a request until its job exists (or its stream is recorded); close to release. */
  public final class Reservation implements AutoCloseable {
    private final String userId;
    private final long rows;
    private boolean released;

    private Reservation(String userId, long rows) {
      this.userId = userId;
      this.rows = rows;
    }

    @Override
    public synchronized void close() {
      if (!released) {
        released = true;
        reserved.compute(userId, (k, v) -> v == null || v - rows <= 0 ? null : v - rows);
      }
    }
  }

  /**
   * Checks that {@code user} may write {@code rows} more rows now and holds them.
   *
   * @throws ApiException 429 naming the quota that would be exceeded
   */
  public Reservation reserve(QuarryUser user, long rows) {
    if (rows > config.maxRowsPerRequest()) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "this request writes " + rows
          + " rows; the limit is " + config.maxRowsPerRequest() + " rows per request", "rows");
    }
    synchronized (locks.computeIfAbsent(user.id(), k -> new Object())) {
      long used = usedToday(user.id()) + reserved.getOrDefault(user.id(), 0L);
      if (used + rows > config.maxRowsPerDay()) {
        throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "daily row quota exceeded: " + used
            + " of " + config.maxRowsPerDay() + " rows used today (UTC) and this request writes " + rows
            + "; the quota renews at midnight UTC", "rows");
      }
      reserved.merge(user.id(), rows, Long::sum);
      return new Reservation(user.id(), rows);
    }
  }

  /**
   * Rows of the user's synth jobs created today (UTC); unfinished jobs count what they will write.
   * One query reads every job with its status: two queries (ended, then pending) would miss a job
   * that ends between them and let a request slip past the quota.
   */
  public long usedToday(String userId) {
    OffsetDateTime start = LocalDate.now(ZoneOffset.UTC).atStartOfDay().atOffset(ZoneOffset.UTC);
    return jdbc.sql("""
        SELECT status, rows_processed, spec FROM jobs
        WHERE owner_id = :owner AND type = :type AND created_at >= :start""")
        .param("owner", userId).param("type", SynthJobType.NAME).param("start", start)
        .query((rs, i) -> {
          String status = rs.getString(1);
          boolean pending = status.equals("QUEUED") || status.equals("RUNNING");
          return pending ? plannedRows(rs.getString(3)) : rs.getLong(2);
        })
        .list().stream().mapToLong(Long::longValue).sum();
  }

  private long plannedRows(String spec) {
    try {
      JsonNode n = json.readTree(spec).get(SynthJobType.PLANNED_ROWS);
      return n == null ? 0 : n.asLong();
    } catch (JacksonException e) {
      return 0;
    }
  }
}
