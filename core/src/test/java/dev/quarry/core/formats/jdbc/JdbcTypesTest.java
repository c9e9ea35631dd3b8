package dev.quarry.core.formats.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.ValueType;
import java.sql.Types;
import org.junit.jupiter.api.Test;

class JdbcTypesTest {

  @Test
  void typeNameWinsWhereTheJdbcCodeMisleads() {
    assertThat(JdbcTypes.valueTypeOf(Types.BIT, "bool")).isEqualTo(ValueType.BOOLEAN);
    assertThat(JdbcTypes.valueTypeOf(Types.VARCHAR, "DATE")).isEqualTo(ValueType.DATE);
    assertThat(JdbcTypes.valueTypeOf(Types.INTEGER, "BOOLEAN")).isEqualTo(ValueType.BOOLEAN);
    assertThat(JdbcTypes.valueTypeOf(Types.FLOAT, "DECIMAL(10,2)")).isEqualTo(ValueType.DECIMAL);
    assertThat(JdbcTypes.valueTypeOf(Types.JAVA_OBJECT, "HUGEINT")).isEqualTo(ValueType.DECIMAL);
    assertThat(JdbcTypes.valueTypeOf(Types.OTHER, "jsonb")).isEqualTo(ValueType.NESTED);
    assertThat(JdbcTypes.valueTypeOf(Types.OTHER, "uuid")).isEqualTo(ValueType.STRING);
    assertThat(JdbcTypes.valueTypeOf(Types.TIME_WITH_TIMEZONE, "timetz")).isEqualTo(ValueType.STRING);
  }

  @Test
  void jdbcCodeDecidesOtherwise() {
    assertThat(JdbcTypes.valueTypeOf(Types.BIGINT, "int8")).isEqualTo(ValueType.INTEGER);
    assertThat(JdbcTypes.valueTypeOf(Types.DOUBLE, "float8")).isEqualTo(ValueType.FLOAT);
    assertThat(JdbcTypes.valueTypeOf(Types.VARBINARY, "bytea")).isEqualTo(ValueType.BYTES);
    assertThat(JdbcTypes.valueTypeOf(Types.ARRAY, "_int4")).isEqualTo(ValueType.NESTED);
    assertThat(JdbcTypes.valueTypeOf(Types.CLOB, "CHARACTER LARGE OBJECT")).isEqualTo(ValueType.STRING);
    assertThat(JdbcTypes.valueTypeOf(Types.OTHER, "interval")).isEqualTo(ValueType.STRING);
  }

  @Test
  void zonedTimestampsReadAsInstants() {
    assertThat(JdbcTypes.isZoned(Types.TIMESTAMP, "timestamptz")).isTrue();
    assertThat(JdbcTypes.isZoned(Types.TIMESTAMP_WITH_TIMEZONE, "TIMESTAMP WITH TIME ZONE")).isTrue();
    assertThat(JdbcTypes.isZoned(Types.VARCHAR, "timestamp(3) with time zone")).isTrue();
    assertThat(JdbcTypes.isZoned(Types.TIMESTAMP, "timestamp")).isFalse();
  }
}
