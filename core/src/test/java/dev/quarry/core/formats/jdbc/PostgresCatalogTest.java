package dev.quarry.core.formats.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.RecordReader;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.File;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL server, with password authentication switched on. */
class PostgresCatalogTest extends CatalogContract {

  private static final String USER = "profiler";
  private static final String PASSWORD = "Corr3ct-Horse-Battery";

  private EmbeddedPostgres postgres;
  private String url;

  @Override
  protected JdbcCatalog createSchemaAndConnect() throws Exception {
    postgres =
        EmbeddedPostgres.builder()
            // The superuser keeps trust for setup; everyone else must give a password.
            .setDataDirectoryCustomizer(PostgresCatalogTest::requirePasswords)
            .start();
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      List<String> ddl = new ArrayList<>(schemaDdl("TEXT", "TIMESTAMPTZ", "INTEGER PRIMARY KEY"));
      ddl.add("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
      ddl.add("GRANT SELECT ON ALL TABLES IN SCHEMA public TO " + USER);
      ddl.add("CREATE TABLE numbers AS SELECT g AS n FROM generate_series(1, 2500) g");
      ddl.add("GRANT SELECT ON numbers TO " + USER);
      execute(c, ddl);
    }
    url = "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
    return JdbcCatalog.connect(url, USER, PASSWORD);
  }

  private static void requirePasswords(File dataDirectory) {
    try {
      Files.writeString(
          dataDirectory.toPath().resolve("pg_hba.conf"),
          String.join(
              "\n",
              "local all all trust",
              "host all postgres 127.0.0.1/32 trust",
              "host all postgres ::1/128 trust",
              "host all all 127.0.0.1/32 scram-sha-256",
              "host all all ::1/128 scram-sha-256",
              ""));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  void stopServer() throws Exception {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Override
  protected String userSchema() {
    return "public";
  }

  @Override
  protected List<String> extraTables() {
    return List.of("numbers");
  }

  @Test
  void qualifiesWithSchemaOnly() throws Exception {
    assertThat(catalog.qualifiedName(table("customers"))).isEqualTo("\"public\".\"customers\"");
    assertThat(catalog.productName()).isEqualTo("PostgreSQL");
  }

  @Test
  void leavesOutPostgresSystemSchemas() throws Exception {
    assertThat(catalog.tables()).extracting(DbTable::schema).containsOnly("public");
    assertThat(catalog.tables()).extracting(DbTable::name).doesNotContain("pg_class", "tables", "columns");
  }

  @Test
  void streamsInsideATransactionThatEndsWithTheReader() throws Exception {
    DbTable numbers = table("numbers");
    catalog.setFetchSize(100);
    long sum = 0;
    int count = 0;
    try (RecordReader reader = catalog.table(numbers).open()) {
      // A cursor needs an open transaction: the session shows it while rows are streamed.
      assertThat(sessionState()).isEqualTo("idle in transaction");
      Object[] row;
      while ((row = reader.next()) != null) {
        sum += (Long) row[0];
        count++;
      }
    } finally {
      catalog.setFetchSize(JdbcCatalog.DEFAULT_FETCH_SIZE);
    }
    assertThat(count).isEqualTo(2500);
    assertThat(sum).isEqualTo(2500L * 2501 / 2);
    assertThat(sessionState()).isEqualTo("idle");
  }

  private String sessionState() throws Exception {
    try (Connection admin = postgres.getPostgresDatabase().getConnection();
        Statement s = admin.createStatement();
        ResultSet rs =
            s.executeQuery("SELECT state FROM pg_stat_activity WHERE usename = '" + USER + "'")) {
      assertThat(rs.next()).isTrue();
      return rs.getString(1);
    }
  }

  @Test
  void wrongPasswordIsReportedWithoutAnyPassword() {
    String wrong = "Wr0ng-Guess-42";
    assertThatThrownBy(() -> JdbcCatalog.connect(url, USER, wrong))
        .isInstanceOf(DatabaseAccessException.class)
        .hasMessageContaining("Authentication failed for user 'profiler'")
        .hasMessageContaining(url)
        .satisfies(e -> assertNoSecretAnywhere(e, wrong, PASSWORD));
  }

  @Test
  void passwordInTheUrlIsRedacted() {
    String wrong = "Url-Secret-77";
    String withPassword = url + "?user=" + USER + "&password=" + wrong;
    assertThatThrownBy(() -> JdbcCatalog.connect(withPassword))
        .isInstanceOf(DatabaseAccessException.class)
        .hasMessageContaining("password=***")
        .satisfies(e -> assertNoSecretAnywhere(e, wrong, PASSWORD));
  }

  @Test
  void unreachableServerIsNamed() {
    assertThatThrownBy(() -> JdbcCatalog.connect("jdbc:postgresql://127.0.0.1:1/none", USER, PASSWORD))
        .isInstanceOf(DatabaseAccessException.class)
        .hasMessageStartingWith("Cannot connect (jdbc:postgresql://127.0.0.1:1/none)")
        .satisfies(e -> assertNoSecretAnywhere(e, PASSWORD));
  }

  static void assertNoSecretAnywhere(Throwable failure, String... secrets) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      java.io.StringWriter trace = new java.io.StringWriter();
      t.printStackTrace(new java.io.PrintWriter(trace));
      for (String secret : secrets) {
        assertThat(trace.toString()).doesNotContain(secret);
      }
    }
  }
}
