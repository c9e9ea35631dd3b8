package dev.quarry.core.formats.jdbc;

import dev.quarry.core.formats.ValueType;

/**
 * A column of a database table.
 *
 * @param jdbcType the {@link java.sql.Types} code the driver reports
 * @param typeName the database's own type name ({@code int4}, {@code DECIMAL(10,2)}, {@code DATE}
 *     in SQLite, where it is only a declaration)
 * @param valueType what the values read from it are; see {@link JdbcTypes}
 */
public record DbColumn(
    String name, int jdbcType, String typeName, boolean nullable, ValueType valueType) {}
