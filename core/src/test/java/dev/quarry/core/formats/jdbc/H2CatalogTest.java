package dev.quarry.core.formats.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2CatalogTest extends CatalogContract {

  @TempDir static Path dir;

  @Override
  protected JdbcCatalog createSchemaAndConnect() throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("shop");
    try (Connection c = DriverManager.getConnection(url, "sa", "")) {
      execute(c, schemaDdl("CLOB", "TIMESTAMP WITH TIME ZONE", "INTEGER PRIMARY KEY"));
      try (var rs = c.getMetaData().getTables(null, "INFORMATION_SCHEMA", "%", new String[] {"BASE TABLE"})) {
        // H2 reports its own schema's tables as ordinary base tables: the schema filter matters.
        assertThat(rs.next()).isTrue();
      }
    }
    return JdbcCatalog.openFile(dir.resolve("shop.mv.db"));
  }

  @Override
  protected String userSchema() {
    return "PUBLIC";
  }

  @Override
  protected String folded(String name) {
    return name.toUpperCase(Locale.ROOT);
  }

  @Test
  void qualifiesWithCatalogAndSchema() throws Exception {
    assertThat(catalog.qualifiedName(table("customers"))).isEqualTo("\"SHOP\".\"PUBLIC\".\"CUSTOMERS\"");
  }
}
