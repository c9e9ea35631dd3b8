package dev.quarry.profile.database;

import dev.quarry.core.formats.ValueType;
import dev.quarry.core.formats.jdbc.DbColumn;
import dev.quarry.core.formats.jdbc.DbTable;
import dev.quarry.core.formats.jdbc.JdbcCatalog;
import dev.quarry.profile.FieldProfile;
import dev.quarry.profile.FieldStatistics;
import dev.quarry.profile.ProfileException;
import dev.quarry.profile.RecordSetProfile;
import dev.quarry.profile.SemanticType;
import dev.quarry.profile.SpatialCoverage;
import dev.quarry.profile.TemporalCoverage;
import dev.quarry.profile.stats.ColumnStats.ValueCount;
import dev.quarry.profile.stats.FieldIds;
import dev.quarry.profile.stats.TemporalResolution;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Profiles one database table with SQL run by the database: one aggregate query for every column
 * (count, nulls, exact distinct, min, max, mean, stddev, lengths), one top-values query per column,
 * and quantiles where the dialect has them (PostgreSQL, DuckDB). Nothing but the answers travel.
 */
final class SqlTableProfiler {

  private static final Pattern LAT = Pattern.compile("(?i)^(lat|latitude)$|.*[_ ]lat$|.*latitude.*");
  private static final Pattern LON =
      Pattern.compile("(?i)^(lon|lng|long|longitude)$|.*[_ ](lon|lng|long)$|.*longitude.*");
  private static final Pattern ID = Pattern.compile("(?i)^(id|key|uuid)$|.*_id$|.*[a-z]Id$");
  private static final int TOP = 10;

  private SqlTableProfiler() {}

  static RecordSetProfile profile(JdbcCatalog catalog, DbTable table, String sourceId, String id)
      throws ProfileException {
    String qualified = catalog.qualifiedName(table);
    String product = catalog.productName().toLowerCase(Locale.ROOT);
    boolean charLength = product.contains("mysql") || product.contains("mariadb");
    List<DbColumn> cols = table.columns();
    StringBuilder sql = new StringBuilder("SELECT count(*)");
    for (DbColumn c : cols) {
      String q = catalog.quoteIdentifier(c.name());
      sql.append(", count(").append(q).append("), count(DISTINCT ").append(q).append(')');
      if (orderable(c)) {
        sql.append(", min(").append(q).append("), max(").append(q).append(')');
      }
      if (numeric(c)) {
        sql.append(", avg(").append(q).append(" * 1.0)");
      }
      if (c.valueType() == ValueType.STRING) {
        String len = (charLength ? "char_length(" : "length(") + q + ")";
        sql.append(", min(").append(len).append("), max(").append(len).append("), avg(")
            .append(len).append(" * 1.0)");
      }
    }
    sql.append(" FROM ").append(qualified);

    List<FieldProfile> fields = new ArrayList<>();
    long rows;
    try (Statement st = catalog.connection().createStatement();
        ResultSet rs = st.executeQuery(sql.toString())) {
      rs.next();
      rows = rs.getLong(1);
      int i = 2;
      boolean hasLat = cols.stream().anyMatch(c -> numeric(c) && LAT.matcher(c.name()).matches());
      boolean hasLon = cols.stream().anyMatch(c -> numeric(c) && LON.matcher(c.name()).matches());
      for (DbColumn c : cols) {
        long present = rs.getLong(i++);
        long distinct = rs.getLong(i++);
        Object min = null;
        Object max = null;
        if (orderable(c)) {
          min = rs.getObject(i++);
          max = rs.getObject(i++);
        }
        Double mean = null;
        Double stddev = null;
        if (numeric(c)) {
          mean = nullable(rs.getDouble(i++), rs);
          if (mean != null && present > 1) {
            // Centred on the mean in a second pass: E[x^2] - E[x]^2 in doubles cancels
            // catastrophically for large values with a small spread (epoch seconds, big ids).
            String q = catalog.quoteIdentifier(c.name());
            double variance = centredMeanSquare(catalog, qualified, q, mean) * present / (present - 1);
            stddev = Math.sqrt(Math.max(variance, 0));
          }
        }
        Long minLen = null;
        Long maxLen = null;
        Double meanLen = null;
        if (c.valueType() == ValueType.STRING) {
          minLen = nullableLong(rs.getLong(i++), rs);
          maxLen = nullableLong(rs.getLong(i++), rs);
          meanLen = nullable(rs.getDouble(i++), rs);
        }
        List<ValueCount> top = topValues(catalog, qualified, c);
        Map<String, Double> quantiles = quantiles(catalog.connection(), product, qualified, catalog, c);
        FieldStatistics stats = new FieldStatistics(rows, rows - present, distinct, true,
            numeric(c) ? toDouble(min) : null, numeric(c) ? toDouble(max) : null, mean, stddev,
            quantiles, null, top, minLen, maxLen, meanLen,
            top.stream().limit(5).map(ValueCount::value).toList(), Map.of());

        List<SemanticType> sem = new ArrayList<>();
        TemporalCoverage temporal = null;
        SpatialCoverage spatial = null;
        String dataType = dataType(c.valueType());
        if (c.valueType() == ValueType.BOOLEAN) {
          sem.add(SemanticType.BOOLEAN);
        }
        if (c.valueType() == ValueType.DATE || c.valueType() == ValueType.DATETIME) {
          sem.add(SemanticType.DATETIME);
          Instant from = instant(min);
          Instant to = instant(max);
          if (from != null && to != null) {
            temporal = new TemporalCoverage(from, to, c.valueType() == ValueType.DATE
                ? TemporalResolution.DAY : TemporalResolution.SECOND);
          }
        }
        Double lo = toDouble(min);
        Double hi = toDouble(max);
        if (hasLat && hasLon && lo != null && hi != null) {
          if (LAT.matcher(c.name()).matches() && lo >= -90 && hi <= 90) {
            sem.add(SemanticType.LATITUDE);
          } else if (LON.matcher(c.name()).matches() && lo >= -180 && hi <= 180) {
            sem.add(SemanticType.LONGITUDE);
          }
        }
        boolean key = table.primaryKey().equals(List.of(c.name()))
            || (ID.matcher(c.name()).matches() && distinct == rows && present == rows && rows > 1);
        if (key) {
          sem.add(SemanticType.IDENTIFIER);
        } else if (sem.isEmpty() && distinct >= 2 && distinct <= 50 && distinct * 5 <= present
            && (c.valueType() == ValueType.STRING || c.valueType() == ValueType.INTEGER)) {
          sem.add(SemanticType.CATEGORICAL);
        }
        List<String> warnings = new ArrayList<>();
        if (rows > 0 && present == 0) {
          warnings.add("all values are missing");
        } else if (present > 1 && distinct == 1) {
          warnings.add("constant");
        }
        fields.add(new FieldProfile(id + "/" + FieldIds.sanitize(c.name()), c.name(), c.name(), null,
            dataType, sem, stats, temporal, spatial, warnings));
      }
    } catch (SQLException e) {
      throw new ProfileException(catalog.redactedUrl() + ": cannot profile " + table.name() + ": "
          + e.getMessage(), e);
    }
    addSpatial(fields);
    return new RecordSetProfile(id, id, sourceId, false, DatabaseProfiler.tableName(table), rows,
        fields, List.of());
  }

  /** Latitude and longitude columns of one table describe one box. */
  private static void addSpatial(List<FieldProfile> fields) {
    FieldProfile lat = null;
    FieldProfile lon = null;
    for (FieldProfile f : fields) {
      if (f.semanticTypes().contains(SemanticType.LATITUDE)) {
        lat = f;
      } else if (f.semanticTypes().contains(SemanticType.LONGITUDE)) {
        lon = f;
      }
    }
    if (lat == null || lon == null) {
      return;
    }
    SpatialCoverage box = new SpatialCoverage(lon.statistics().min(), lat.statistics().min(),
        lon.statistics().max(), lat.statistics().max());
    fields.replaceAll(f -> f.semanticTypes().contains(SemanticType.LATITUDE)
        || f.semanticTypes().contains(SemanticType.LONGITUDE)
        ? new FieldProfile(f.id(), f.name(), f.column(), f.jsonPath(), f.dataType(), f.semanticTypes(),
            f.statistics(), f.temporal(), box, f.warnings())
        : f);
  }

  /** The mean of (x - mean)^2 over the column's non-null values, computed by the database. */
  private static double centredMeanSquare(JdbcCatalog catalog, String table, String quoted,
      double mean) throws SQLException {
    String m = java.math.BigDecimal.valueOf(mean).toPlainString();
    String sql = "SELECT avg((" + quoted + " * 1.0 - " + m + ") * (" + quoted + " * 1.0 - " + m
        + ")) FROM " + table;
    try (Statement st = catalog.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rs.next() ? rs.getDouble(1) : 0;
    }
  }

  private static List<ValueCount> topValues(JdbcCatalog catalog, String table, DbColumn c)
      throws SQLException {
    if (c.valueType() == ValueType.BYTES || c.valueType() == ValueType.NESTED) {
      return List.of();
    }
    String q = catalog.quoteIdentifier(c.name());
    String sql = "SELECT " + q + ", count(*) FROM " + table + " WHERE " + q + " IS NOT NULL GROUP BY "
        + q + " ORDER BY 2 DESC, 1 LIMIT " + TOP;
    List<ValueCount> out = new ArrayList<>();
    try (Statement st = catalog.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(new ValueCount(String.valueOf(rs.getObject(1)), rs.getLong(2)));
      }
    }
    return out;
  }

  private static Map<String, Double> quantiles(Connection conn, String product, String table,
      JdbcCatalog catalog, DbColumn c) throws SQLException {
    if (!numeric(c)) {
      return Map.of();
    }
    String q = catalog.quoteIdentifier(c.name());
    String sql;
    if (product.contains("postgres")) {
      sql = "SELECT percentile_cont(ARRAY[0.05,0.25,0.5,0.75,0.95]) WITHIN GROUP (ORDER BY " + q
          + ") FROM " + table;
    } else if (product.contains("duckdb")) {
      sql = "SELECT quantile_cont(" + q + ", [0.05,0.25,0.5,0.75,0.95]) FROM " + table;
    } else {
      return Map.of(); // no portable quantile aggregate; min/max/mean/stddev still come from SQL
    }
    Map<String, Double> out = new LinkedHashMap<>();
    try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      if (rs.next() && rs.getObject(1) != null) {
        Object[] values = (Object[]) rs.getArray(1).getArray();
        String[] names = {"p5", "p25", "p50", "p75", "p95"};
        for (int i = 0; i < values.length && i < names.length; i++) {
          out.put(names[i], values[i] == null ? null : ((Number) values[i]).doubleValue());
        }
      }
    }
    return out;
  }

  private static boolean numeric(DbColumn c) {
    return c.valueType() == ValueType.INTEGER || c.valueType() == ValueType.FLOAT
        || c.valueType() == ValueType.DECIMAL;
  }

  private static boolean orderable(DbColumn c) {
    return c.valueType() != ValueType.BYTES && c.valueType() != ValueType.NESTED
        && c.valueType() != ValueType.BOOLEAN;
  }

  private static String dataType(ValueType t) {
    return switch (t) {
      case INTEGER -> "sc:Integer";
      case FLOAT, DECIMAL -> "sc:Float";
      case BOOLEAN -> "sc:Boolean";
      case DATE -> "sc:Date";
      case DATETIME -> "sc:DateTime";
      case TIME -> "sc:Time";
      default -> "sc:Text";
    };
  }

  private static Double nullable(double v, ResultSet rs) throws SQLException {
    return rs.wasNull() ? null : v;
  }

  private static Long nullableLong(long v, ResultSet rs) throws SQLException {
    return rs.wasNull() ? null : v;
  }

  private static Double toDouble(Object o) {
    if (o instanceof Number n) {
      return n.doubleValue();
    }
    if (o instanceof String s) {
      try {
        return Double.parseDouble(s);
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** Dates and timestamps as the drivers return them (SQLite returns text); null if unreadable. */
  private static Instant instant(Object o) {
    if (o == null) {
      return null;
    }
    if (o instanceof Timestamp t) {
      return t.toLocalDateTime().toInstant(ZoneOffset.UTC);
    }
    if (o instanceof java.sql.Date d) {
      return d.toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (o instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC);
    }
    if (o instanceof LocalDate d) {
      return d.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    if (o instanceof OffsetDateTime t) {
      return t.toInstant();
    }
    if (o instanceof Instant i) {
      return i;
    }
    String s = String.valueOf(o);
    try {
      return s.length() <= 10 ? LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC)
          : LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
