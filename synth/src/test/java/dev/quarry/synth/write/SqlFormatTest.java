package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.formats.ValueType;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqlFormatTest {

  private static final String SELECT = "SELECT * FROM \"sample table\" ORDER BY id";

  @TempDir Path dir;

  @Test
  void postgresqlLoadsTheScriptAndReturnsEveryValue() throws Exception {
    List<Object[]> rows = SampleTable.rows(1300);
    String script = script(OutputFormats.SQL_POSTGRESQL, rows);
    assertThat(script.split("INSERT INTO", -1)).hasSize(1 + 3); // 500 + 500 + 300 rows
    try (EmbeddedPostgres pg = EmbeddedPostgres.start();
        Connection db = pg.getPostgresDatabase().getConnection();
        Statement st = db.createStatement()) {
      st.execute(script);
      try (ResultSet rs = st.executeQuery(SELECT)) {
        int r = 0;
        while (rs.next()) {
          Object[] row = rows.get(r++);
          assertThat(rs.getLong("id")).isEqualTo(row[0]);
          assertThat(rs.getString("first name")).isEqualTo(row[1]);
          assertThat(rs.getBigDecimal("amount")).isEqualTo(scaled(row[2], 2));
          assertThat(rs.getBigDecimal("small")).isEqualTo(scaled(row[3], 1));
          assertThat(rs.getBigDecimal("big")).isEqualTo(scaled(row[4], 6));
          assertDouble(rs, "score", row[5], false);
          assertThat(rs.getObject("count")).isEqualTo(row[6]);
          assertThat(rs.getObject("flag")).isEqualTo(row[7]);
          assertThat(rs.getObject("day", LocalDate.class)).isEqualTo(row[8]);
          assertThat(rs.getObject("at", LocalTime.class)).isEqualTo(row[9]);
          assertThat(rs.getObject("order", LocalDateTime.class)).isEqualTo(row[10]);
        }
        assertThat(r).isEqualTo(rows.size());
      }
      try (ResultSet rs = st.executeQuery(
          "SELECT format_type(atttypid, atttypmod), attnotnull FROM pg_attribute "
              + "WHERE attrelid = '\"sample table\"'::regclass AND attnum > 0 ORDER BY attnum")) {
        StringBuilder types = new StringBuilder();
        while (rs.next()) {
          types.append(rs.getString(1)).append(rs.getBoolean(2) ? " not null" : "").append(';');
        }
        assertThat(types.toString()).isEqualTo("bigint not null;text;numeric(12,2);numeric(5,1);numeric(38,6);"
            + "double precision;bigint;boolean;date;time without time zone;timestamp without time zone;");
      }
    }
  }

  @Test
  void sqliteLoadsTheScriptAndReturnsEveryValue() throws Exception {
    List<Object[]> rows = SampleTable.rows(1300);
    String script = script(OutputFormats.SQL_SQLITE, rows);
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("t.db"));
        Statement st = db.createStatement()) {
      st.executeUpdate(script);
      try (ResultSet rs = st.executeQuery(SELECT)) {
        int r = 0;
        ValueText text = new ValueText();
        while (rs.next()) {
          Object[] row = rows.get(r++);
          assertThat(rs.getLong("id")).isEqualTo(row[0]);
          assertThat(rs.getString("first name")).isEqualTo(row[1]);
          // SQLite keeps NUMERIC as INTEGER or REAL: exact to about 15 digits
          assertDecimalAsDouble(rs, "amount", row[2]);
          assertDecimalAsDouble(rs, "small", row[3]);
          assertDecimalAsDouble(rs, "big", row[4]);
          assertDouble(rs, "score", row[5], true);
          assertThat(rs.getObject("count") == null ? null : rs.getLong("count")).isEqualTo(row[6]);
          assertThat(rs.getObject("flag") == null ? null : rs.getInt("flag") == 1).isEqualTo(row[7]);
          assertThat(rs.getString("day")).isEqualTo(row[8] == null ? null : row[8].toString());
          assertThat(rs.getString("at")).isEqualTo(row[9] == null ? null : text.string(text.formatTime((LocalTime) row[9])));
          assertThat(rs.getString("order"))
              .isEqualTo(row[10] == null ? null : text.string(text.formatDateTime((LocalDateTime) row[10], ' ')));
        }
        assertThat(r).isEqualTo(rows.size());
      }
    }
  }

  @Test
  void standardSqlLoadsIntoDuckDb() throws Exception {
    List<Object[]> rows = SampleTable.rows(1300);
    String script = script(OutputFormats.SQL, rows);
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      for (String statement : script.split(";\n")) { // DuckDB's JDBC runs one statement per call
        st.execute(statement);
      }
      try (ResultSet rs = st.executeQuery(SELECT)) {
        int r = 0;
        while (rs.next()) {
          Object[] row = rows.get(r++);
          assertThat(rs.getLong("id")).isEqualTo(row[0]);
          assertThat(rs.getString("first name")).isEqualTo(row[1]);
          assertThat(rs.getBigDecimal("big")).isEqualTo(scaled(row[4], 6));
          assertDouble(rs, "score", row[5], false);
          assertThat(rs.getObject("day", LocalDate.class)).isEqualTo(row[8]);
          assertThat(rs.getObject("order", LocalDateTime.class)).isEqualTo(row[10]);
        }
        assertThat(r).isEqualTo(rows.size());
      }
    }
  }

  @Test
  void mysqlEscapesBackslashesQuotesAndControlCharacters() throws Exception {
    OutputSchema schema = new OutputSchema("o`k", List.of(
        new OutputColumn("s", ValueType.STRING, 0, true),
        new OutputColumn("b", ValueType.BOOLEAN, 0, false),
        new OutputColumn("t", ValueType.DATETIME, 0, true),
        new OutputColumn("d", ValueType.FLOAT, 0, true)));
    List<Object[]> rows = List.of(
        new Object[] {"a\\b 'q' \\' \u0000 \u001a \"x\"", true, LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6_000), Double.NaN},
        new Object[] {null, false, null, 1.5});
    String sql = script(OutputFormats.SQL_MYSQL, schema, rows);
    assertThat(sql).isEqualTo("""
        CREATE TABLE `o``k` (
          `s` TEXT,
          `b` BOOLEAN NOT NULL,
          `t` DATETIME(6),
          `d` DOUBLE
        );
        INSERT INTO `o``k` (`s`, `b`, `t`, `d`) VALUES
        ('a\\\\b ''q'' \\\\'' \\0 \\Z "x"', TRUE, TIMESTAMP '2024-01-02 03:04:05.000006', NULL),
        (NULL, FALSE, NULL, 1.5);
        """);
    // the same string in PostgreSQL: backslashes are ordinary, NUL cannot be stored
    assertThat(script(OutputFormats.SQL_POSTGRESQL, schema, rows))
        .contains("('a\\b ''q'' \\'' \uFFFD \u001a \"x\"', TRUE, TIMESTAMP '2024-01-02 03:04:05.000006', "
            + "CAST('NaN' AS DOUBLE PRECISION)),");
  }

  @Test
  void statementsFollowAbsoluteRowIndexes() throws Exception {
    OutputSchema schema = new OutputSchema("t", List.of(new OutputColumn("a", ValueType.INTEGER, 0, false)));
    OutputFormat format = OutputFormats.sql(SqlDialect.SQLITE, 2);
    List<Object[]> rows = List.of(new Object[] {0L}, new Object[] {1L}, new Object[] {2L});
    assertThat(script(format, schema, rows)).isEqualTo("""
        CREATE TABLE "t" (
          "a" BIGINT NOT NULL
        );
        INSERT INTO "t" ("a") VALUES
        (0),
        (1);
        INSERT INTO "t" ("a") VALUES
        (2);
        """);
    // a fragment starting mid-statement continues it
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    SampleTable.write(format, schema, List.<Object[]>of(new Object[] {5L}), out, new Fragment(false, true, 5));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(",\n(5);\n");
  }

  private static String script(OutputFormat format, List<Object[]> rows) throws Exception {
    return script(format, SampleTable.SCHEMA, rows);
  }

  private static String script(OutputFormat format, OutputSchema schema, List<Object[]> rows) throws Exception {
    return new String(SampleTable.write(format, schema, rows), StandardCharsets.UTF_8);
  }

  private static BigDecimal scaled(Object v, int scale) {
    return v == null ? null : ((BigDecimal) v).setScale(scale);
  }

  private static void assertDouble(ResultSet rs, String column, Object expected, boolean approximate) throws Exception {
    double actual = rs.getDouble(column);
    if (expected == null) {
      assertThat(rs.wasNull()).as(column).isTrue();
    } else if (approximate) {
      assertThat(actual).as(column).isCloseTo((Double) expected, within(Math.abs((Double) expected) * 1e-15));
    } else {
      assertThat(actual == (Double) expected).as(column + ": " + actual + " vs " + expected).isTrue();
    }
  }

  private static void assertDecimalAsDouble(ResultSet rs, String column, Object expected) throws Exception {
    double actual = rs.getDouble(column);
    if (expected == null) {
      assertThat(rs.wasNull()).as(column).isTrue();
    } else {
      double d = ((BigDecimal) expected).doubleValue();
      assertThat(actual).as(column).isCloseTo(d, within(Math.abs(d) * 1e-15));
    }
  }
}
