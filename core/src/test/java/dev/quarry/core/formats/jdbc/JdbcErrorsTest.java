package dev.quarry.core.formats.jdbc;

import static dev.quarry.core.formats.jdbc.PostgresCatalogTest.assertNoSecretAnywhere;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JdbcErrorsTest {

  @TempDir Path dir;

  @Test
  void unknownDriverNamesTheRedactedUrl() {
    assertThatThrownBy(() -> JdbcCatalog.connect("jdbc:nosuchdb://db.example/sales?user=u&password=hunter2x"))
        .isInstanceOf(DatabaseAccessException.class)
        .hasMessageContaining("No JDBC driver")
        .hasMessageContaining("jdbc:nosuchdb://db.example/sales?user=u&password=***")
        .satisfies(e -> assertNoSecretAnywhere(e, "hunter2x"));
    assertThatThrownBy(() -> JdbcCatalog.connect("not a url"))
        .isInstanceOf(DatabaseAccessException.class)
        .hasMessageContaining("not a url");
  }

  @Test
  void wrongH2PasswordIsAnAuthenticationFailureWithoutThePassword() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("locked");
    try (Connection c = DriverManager.getConnection(url, "owner", "Right-Pass-1")) {
      c.createStatement().execute("CREATE TABLE t (i INT)");
    }
    assertThatThrownBy(() -> JdbcCatalog.connect(url, "owner", "Wrong-Pass-2"))
        .isInstanceOf(DatabaseAccessException.class)
        .hasMessageStartingWith("Authentication failed for user 'owner' (" + url + ")")
        .satisfies(e -> assertNoSecretAnywhere(e, "Wrong-Pass-2", "Right-Pass-1"));
    // ...and with the right one, through the file helper, it opens.
    try (JdbcCatalog catalog =
        JdbcCatalog.connect(DatabaseFiles.sourceFor(dir.resolve("locked.mv.db"), "owner", "Right-Pass-1"))) {
      assertThat(catalog.tables()).extracting(DbTable::name).containsExactly("T");
    }
  }

  @Test
  void redactsEveryCredentialShape() {
    assertThat(Credentials.redactUrl("jdbc:mysql://admin:s3cr3t@host:3306/db?useSSL=true"))
        .isEqualTo("jdbc:mysql://admin:***@host:3306/db?useSSL=true");
    assertThat(Credentials.redactUrl("jdbc:h2:tcp://host/db;USER=sa;PASSWORD=pw;MODE=PostgreSQL"))
        .isEqualTo("jdbc:h2:tcp://host/db;USER=sa;PASSWORD=***;MODE=PostgreSQL");
    assertThat(Credentials.redactUrl("jdbc:postgresql://h/db?sslpassword=k&password=p&ssl=true"))
        .isEqualTo("jdbc:postgresql://h/db?sslpassword=***&password=***&ssl=true");
    assertThat(Credentials.redactUrl("jdbc:sqlite:/data/shop.db")).isEqualTo("jdbc:sqlite:/data/shop.db");
  }

  @Test
  void sourceToStringHidesThePassword() {
    Properties properties = new Properties();
    properties.setProperty("user", "ann");
    properties.setProperty("password", "pa55word!");
    JdbcSource source = new JdbcSource("jdbc:postgresql://h/db", properties);
    assertThat(source.toString()).contains("user=ann").contains("password=***").doesNotContain("pa55word!");
    properties.setProperty("user", "changed");
    assertThat(source.properties()).containsEntry("user", "ann");
  }

  @Test
  void closedCatalogRefusesWork() throws Exception {
    JdbcCatalog catalog = JdbcCatalog.connect("jdbc:h2:mem:closed");
    catalog.close();
    catalog.close();
    assertThatThrownBy(catalog::tables).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
