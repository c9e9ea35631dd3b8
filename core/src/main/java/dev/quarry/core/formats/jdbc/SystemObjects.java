package dev.quarry.core.formats.jdbc;

import java.util.Locale;
import java.util.Set;

/**
 * Recognises what a database keeps for itself, so that profiling lists only user data: the SQL
 * standard's {@code information_schema} (H2, PostgreSQL, MySQL, DuckDB), PostgreSQL's {@code
 * pg_catalog}, {@code pg_toast} and per-session {@code pg_temp_N} schemas, SQLite's {@code
 * sqlite_*} tables, DuckDB's {@code system} and {@code temp} catalogs, MySQL's and MariaDB's own
 * databases. Names are matched case-insensitively, H2 upper-cases them.
 */
final class SystemObjects {

  private static final Set<String> SYSTEM_SCHEMAS =
      Set.of("information_schema", "pg_catalog", "pg_toast");

  private static final Set<String> DUCKDB_SYSTEM_CATALOGS = Set.of("system", "temp");

  /** MySQL and MariaDB report databases as catalogs. */
  private static final Set<String> MYSQL_SYSTEM_CATALOGS =
      Set.of("information_schema", "mysql", "performance_schema", "sys");

  private SystemObjects() {}

  static boolean isSystem(String product, String catalog, String schema, String table) {
    String p = lower(product);
    String c = lower(catalog);
    String s = lower(schema);
    if (SYSTEM_SCHEMAS.contains(s) || s.startsWith("pg_temp_") || s.startsWith("pg_toast_temp_")) {
      return true;
    }
    if (p.contains("sqlite") && lower(table).startsWith("sqlite_")) {
      return true;
    }
    if (p.contains("duckdb") && DUCKDB_SYSTEM_CATALOGS.contains(c)) {
      return true;
    }
    return (p.contains("mysql") || p.contains("mariadb")) && MYSQL_SYSTEM_CATALOGS.contains(c);
  }

  private static String lower(String name) {
    return name == null ? "" : name.toLowerCase(Locale.ROOT);
  }
}
