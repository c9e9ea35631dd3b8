package dev.quarry.core.formats.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteCatalogTest extends CatalogContract {

  @TempDir static Path dir;

  @Override
  protected JdbcCatalog createSchemaAndConnect() throws Exception {
    Path file = dir.resolve("shop.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      // AUTOINCREMENT creates sqlite_sequence and ANALYZE sqlite_stat1: system tables to skip.
      List<String> ddl =
          new ArrayList<>(schemaDdl("TEXT", "TIMESTAMP WITH TIME ZONE", "INTEGER PRIMARY KEY AUTOINCREMENT"));
      ddl.add("ANALYZE");
      execute(c, ddl);
      try (var rs = c.getMetaData().getTables(null, null, "sqlite_%", null)) {
        List<String> system = new ArrayList<>();
        while (rs.next()) {
          system.add(rs.getString("TABLE_NAME"));
        }
        assertThat(system).contains("sqlite_sequence", "sqlite_stat1");
      }
    }
    return JdbcCatalog.openFile(file);
  }

  @Override
  protected String userSchema() {
    return null;
  }

  @Test
  void qualifiesWithoutSchema() throws Exception {
    assertThat(catalog.qualifiedName(table("customers"))).isEqualTo("\"customers\"");
    assertThat(catalog.productName()).isEqualTo("SQLite");
  }

  @Test
  void valueThatDoesNotFitTheDeclaredTypeIsReportedNotGuessed() throws Exception {
    Path file = dir.resolve("loose.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      execute(c, List.of("CREATE TABLE loose (n INTEGER)", "INSERT INTO loose VALUES ('twelve')"));
    }
    try (JdbcCatalog loose = JdbcCatalog.openFile(file);
        var reader = loose.table(loose.findTable("loose").orElseThrow()).open()) {
      org.assertj.core.api.Assertions.assertThatThrownBy(reader::next)
          .isInstanceOf(dev.quarry.core.formats.UnreadableInputException.class)
          .hasMessageContaining("column n")
          .hasMessageContaining("'twelve'")
          .hasMessageContaining("INTEGER");
    }
  }
}
