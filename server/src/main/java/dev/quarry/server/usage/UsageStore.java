package dev.quarry.server.usage;

import dev.quarry.server.jobs.JobStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Usage from the {@code jobs} table: the database groups and sums (one row per user, type and
 * status), so the cost does not grow with what is sent to the application. Rows and bytes are what
 * the jobs reported, whatever their outcome; a failed job's partial work counts too.
 */
@Repository
public class UsageStore {

  private static final String SQL = """
      SELECT u.id AS user_id, u.name AS user_name, j.type AS job_type, j.status AS job_status,
             COUNT(j.id) AS job_count,
             COALESCE(SUM(j.rows_processed), 0) AS rows_sum,
             COALESCE(SUM(j.bytes_processed), 0) AS bytes_sum
      FROM quarry_users u LEFT JOIN jobs j ON j.owner_id = u.id
      %s
      GROUP BY u.id, u.name, j.type, j.status
      ORDER BY u.name, u.id, j.type, j.status""";

  private final JdbcClient jdbc;

  public UsageStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** One user's usage, or empty when there is no such user. */
  public Optional<UsageStats> forUser(String userId) {
    return fold(jdbc.sql(SQL.formatted("WHERE u.id = :id")).param("id", userId).query(Row.class).list())
        .stream().findFirst();
  }

  /** Every user's usage, users without jobs included, by name. */
  public List<UsageStats> forAllUsers() {
    return fold(jdbc.sql(SQL.formatted("")).query(Row.class).list());
  }

  /** One grouped row; {@code jobType} and {@code jobStatus} are null for a user without jobs. */
  record Row(String userId, String userName, String jobType, String jobStatus, long jobCount,
      long rowsSum, long bytesSum) {}

  /** Rows arrive ordered by user, then type, so each user and type is one consecutive run. */
  private static List<UsageStats> fold(List<Row> rows) {
    List<UsageStats> result = new ArrayList<>();
    int i = 0;
    while (i < rows.size()) {
      Row first = rows.get(i);
      List<UsageStats.TypeUsage> types = new ArrayList<>();
      long jobs = 0;
      long rowsSum = 0;
      long bytes = 0;
      while (i < rows.size() && rows.get(i).userId().equals(first.userId())) {
        String type = rows.get(i).jobType();
        if (type == null) {
          i++;
          continue;
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        for (JobStatus s : JobStatus.values()) {
          byStatus.put(s.name(), 0L);
        }
        long typeJobs = 0;
        long typeRows = 0;
        long typeBytes = 0;
        while (i < rows.size() && rows.get(i).userId().equals(first.userId())
            && type.equals(rows.get(i).jobType())) {
          Row r = rows.get(i++);
          byStatus.merge(r.jobStatus(), r.jobCount(), Long::sum);
          typeJobs += r.jobCount();
          typeRows += r.rowsSum();
          typeBytes += r.bytesSum();
        }
        types.add(new UsageStats.TypeUsage(type, typeJobs, byStatus, typeRows, typeBytes));
        jobs += typeJobs;
        rowsSum += typeRows;
        bytes += typeBytes;
      }
      result.add(new UsageStats(first.userId(), first.userName(), jobs, rowsSum, bytes, List.copyOf(types)));
    }
    return result;
  }
}
