package dev.quarry.core.formats.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SystemObjectsTest {

  @Test
  void skipsEachDatabasesOwnObjects() {
    assertThat(SystemObjects.isSystem("PostgreSQL", "db", "information_schema", "tables")).isTrue();
    assertThat(SystemObjects.isSystem("PostgreSQL", "db", "pg_catalog", "pg_class")).isTrue();
    assertThat(SystemObjects.isSystem("PostgreSQL", "db", "pg_toast", "pg_toast_2619")).isTrue();
    assertThat(SystemObjects.isSystem("PostgreSQL", "db", "pg_temp_3", "scratch")).isTrue();
    assertThat(SystemObjects.isSystem("PostgreSQL", "db", "pg_toast_temp_3", "x")).isTrue();
    assertThat(SystemObjects.isSystem("H2", "SHOP", "INFORMATION_SCHEMA", "COLUMNS")).isTrue();
    assertThat(SystemObjects.isSystem("SQLite", null, null, "sqlite_sequence")).isTrue();
    assertThat(SystemObjects.isSystem("SQLite", null, null, "sqlite_stat1")).isTrue();
    assertThat(SystemObjects.isSystem("DuckDB", "system", "main", "duckdb_tables")).isTrue();
    assertThat(SystemObjects.isSystem("DuckDB", "temp", "main", "scratch")).isTrue();
    assertThat(SystemObjects.isSystem("MySQL", "performance_schema", null, "threads")).isTrue();
    assertThat(SystemObjects.isSystem("MariaDB", "mysql", null, "user")).isTrue();
  }

  @Test
  void keepsUserObjectsThatMerelyLookSimilar() {
    assertThat(SystemObjects.isSystem("PostgreSQL", "system", "public", "orders")).isFalse();
    assertThat(SystemObjects.isSystem("PostgreSQL", "db", "public", "sqlite_import")).isFalse();
    assertThat(SystemObjects.isSystem("DuckDB", "shop", "main", "sqlite_like")).isFalse();
    assertThat(SystemObjects.isSystem("MySQL", "shop", null, "sys")).isFalse();
    assertThat(SystemObjects.isSystem("SQLite", null, null, "orders")).isFalse();
  }
}
