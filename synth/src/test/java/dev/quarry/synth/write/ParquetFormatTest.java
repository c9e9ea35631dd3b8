package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.ValueType;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.convert.GroupRecordConverter;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.ColumnIOFactory;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.io.RecordReader;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParquetFormatTest {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"parquet", "parquet:zstd"})
  void parquetJavaAndDuckDbReadBackTypesAndValues(String name) throws Exception {
    OutputFormat format = OutputFormats.byName(name);
    List<Object[]> rows = SampleTable.rows(3000);
    Path file = dir.resolve("sample.parquet");
    try (OutputStream out = Files.newOutputStream(file)) {
      SampleTable.write(format, SampleTable.SCHEMA, rows, out, Fragment.WHOLE);
    }

    // parquet-java: schema, codec and every value
    List<Group> groups = new ArrayList<>();
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      MessageType schema = reader.getFooter().getFileMetaData().getSchema();
      assertThat(schema.toString().replaceAll("\\s+", " ").trim()).isEqualTo(
          "message sample table { required int64 id; optional binary first name (STRING);"
              + " optional int64 amount (DECIMAL(12,2)); optional int32 small (DECIMAL(5,1));"
              + " optional fixed_len_byte_array(16) big (DECIMAL(38,6)); optional double score;"
              + " optional int64 count; optional boolean flag; optional int32 day (DATE);"
              + " optional int64 at (TIME(MICROS,false)); optional int64 order (TIMESTAMP(MICROS,false)); }");
      CompressionCodecName expectedCodec = name.equals("parquet") ? CompressionCodecName.SNAPPY : CompressionCodecName.ZSTD;
      assertThat(reader.getFooter().getBlocks().get(0).getColumns().get(1).getCodec()).isEqualTo(expectedCodec);
      PageReadStore pages;
      while ((pages = reader.readNextRowGroup()) != null) {
        RecordReader<Group> records = new ColumnIOFactory().getColumnIO(schema)
            .getRecordReader(pages, new GroupRecordConverter(schema));
        for (long i = 0; i < pages.getRowCount(); i++) {
          groups.add(records.read());
        }
      }
    }
    assertThat(groups).hasSize(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      Object[] row = rows.get(r);
      Group g = groups.get(r);
      assertThat(g.getLong("id", 0)).isEqualTo(row[0]);
      assertThat(opt(g, "first name") ? g.getString("first name", 0) : null).isEqualTo(row[1]);
      assertThat(opt(g, "amount") ? BigDecimal.valueOf(g.getLong("amount", 0), 2) : null).isEqualTo(row[2]);
      assertThat(opt(g, "small") ? BigDecimal.valueOf(g.getInteger("small", 0), 1) : null).isEqualTo(row[3]);
      assertThat(opt(g, "big") ? new BigDecimal(new BigInteger(g.getBinary("big", 0).getBytes()), 6) : null)
          .isEqualTo(row[4] == null ? null : ((BigDecimal) row[4]).setScale(6));
      assertThat(opt(g, "score") ? g.getDouble("score", 0) : null).isEqualTo(row[5]);
      assertThat(opt(g, "count") ? g.getLong("count", 0) : null).isEqualTo(row[6]);
      assertThat(opt(g, "flag") ? g.getBoolean("flag", 0) : null).isEqualTo(row[7]);
      assertThat(opt(g, "day") ? LocalDate.ofEpochDay(g.getInteger("day", 0)) : null).isEqualTo(row[8]);
      assertThat(opt(g, "at") ? LocalTime.ofNanoOfDay(g.getLong("at", 0) * 1000) : null).isEqualTo(row[9]);
      assertThat(opt(g, "order") ? micros(g.getLong("order", 0)) : null).isEqualTo(row[10]);
    }

    // DuckDB: its own Parquet reader, types and values through SQL
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
      String source = "read_parquet('" + file.toString().replace("'", "''") + "')";
      StringBuilder types = new StringBuilder();
      try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + source)) {
        while (rs.next()) {
          types.append(rs.getString("column_type")).append(';');
        }
      }
      assertThat(types.toString()).isEqualTo(
          "BIGINT;VARCHAR;DECIMAL(12,2);DECIMAL(5,1);DECIMAL(38,6);DOUBLE;BIGINT;BOOLEAN;DATE;TIME;TIMESTAMP;");
      try (ResultSet rs = st.executeQuery("SELECT * FROM " + source + " ORDER BY id")) {
        int r = 0;
        while (rs.next()) {
          Object[] row = rows.get(r++);
          assertThat(rs.getLong("id")).isEqualTo(row[0]);
          assertThat(rs.getString("first name")).isEqualTo(row[1]);
          assertThat(rs.getBigDecimal("amount")).isEqualTo(row[2]);
          assertThat(rs.getBigDecimal("small")).isEqualTo(row[3]);
          assertThat(rs.getBigDecimal("big")).isEqualTo(row[4] == null ? null : ((BigDecimal) row[4]).setScale(6));
          assertThat(rs.getObject("score")).isEqualTo(row[5]);
          assertThat(rs.getObject("count")).isEqualTo(row[6]);
          assertThat(rs.getObject("flag")).isEqualTo(row[7]);
          assertThat(rs.getObject("day", LocalDate.class)).isEqualTo(row[8]);
          assertThat(rs.getObject("at", LocalTime.class)).isEqualTo(row[9]);
          assertThat(rs.getObject("order", LocalDateTime.class)).isEqualTo(row[10]);
        }
        assertThat(r).isEqualTo(rows.size());
      }
    }
  }

  @Test
  void rejectsWhatTheSchemaForbids() throws Exception {
    OutputSchema schema = new OutputSchema("t", List.of(
        new OutputColumn("a", ValueType.INTEGER, 0, false), new OutputColumn("d", ValueType.DECIMAL, 2, true, 4)));
    try (RowWriter w = OutputFormats.PARQUET.open(OutputStream.nullOutputStream(), schema, Fragment.WHOLE)) {
      assertThatThrownBy(() -> w.write(new Object[] {null, null})).hasMessageContaining("column a is not nullable");
      assertThatThrownBy(() -> w.write(new Object[] {1L, new BigDecimal("123.45")}))
          .hasMessageContaining("column d (DECIMAL(4,2))");
      // passes the cheap digit count, then rounds up to 5 digits
      assertThatThrownBy(() -> w.write(new Object[] {1L, new BigDecimal("99.995")}))
          .hasMessageContaining("column d").hasMessageContaining("more than 4 digits");
      assertThatThrownBy(() -> w.write(new Object[] {"1", null})).hasMessageContaining("column a (INTEGER)");
      assertThatThrownBy(() -> w.write(new Object[] {1L})).hasMessageContaining("row has 1 values but the table has 2");
      w.write(new Object[] {1L, new BigDecimal("-99.99")});
    }
    assertThat(ParquetFormat.decimalBytes(18)).isEqualTo(8);
    assertThat(ParquetFormat.decimalBytes(19)).isEqualTo(9);
    assertThat(ParquetFormat.decimalBytes(38)).isEqualTo(16);
  }

  private static boolean opt(Group g, String field) {
    return g.getFieldRepetitionCount(field) > 0;
  }

  private static LocalDateTime micros(long micros) {
    return LocalDateTime.ofEpochSecond(Math.floorDiv(micros, 1_000_000), (int) Math.floorMod(micros, 1_000_000) * 1000, ZoneOffset.UTC);
  }
}
