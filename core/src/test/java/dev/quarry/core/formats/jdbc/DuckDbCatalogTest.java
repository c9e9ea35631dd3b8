package dev.quarry.core.formats.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbCatalogTest extends CatalogContract {

  @TempDir static Path dir;

  @Override
  protected JdbcCatalog createSchemaAndConnect() throws Exception {
    Path file = dir.resolve("shop.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      execute(c, schemaDdl("TEXT", "TIMESTAMPTZ", "INTEGER PRIMARY KEY"));
      Set<String> catalogs = new HashSet<>();
      try (var rs = c.getMetaData().getTables(null, null, "%", null)) {
        while (rs.next()) {
          catalogs.add(rs.getString("TABLE_CAT"));
        }
      }
      assertThat(catalogs).contains("system", "shop");
    }
    return JdbcCatalog.openFile(file);
  }

  @Override
  protected String userSchema() {
    return "main";
  }

  @Test
  void qualifiesWithCatalogAndSchema() throws Exception {
    assertThat(catalog.qualifiedName(table("customers"))).isEqualTo("\"shop\".\"main\".\"customers\"");
    assertThat(table("customers").catalog()).isEqualTo("shop");
  }
}
