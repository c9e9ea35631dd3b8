package dev.quarry.core.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetTableWriterTest {

  private static final MessageType NESTED =
      MessageTypeParser.parseMessageType(
          """
          message doc {
            optional binary title (STRING);
            optional int32 small;
            optional int64 ts (TIMESTAMP(NANOS,false));
            optional fixed_len_byte_array(9) price (DECIMAL(20,2));
            optional group extra {
              optional binary format (STRING);
              optional group headers (LIST) {
                repeated group list {
                  optional group item (LIST) {
                    repeated group list { optional binary item (STRING); }
                  }
                }
              }
              optional double length;
            }
            optional group attrs (MAP) {
              repeated group key_value { required binary key (STRING); optional int64 value; }
            }
            repeated int32 scores;
          }
          """);

  private static final LocalDateTime T0 = LocalDateTime.of(2023, 7, 5, 10, 11, 12, 123_456_789);

  @TempDir Path dir;

  @Test
  void roundTripWithTemplateKeepsPhysicalTypesStructsAndNestedValues() throws Exception {
    Path source = writeSource(50);
    ParquetTable in = ParquetTable.open(input(source));
    MessageType template = ParquetTableWriter.fileSchema(input(source));
    List<Object[]> rows = readAll(in);

    Path copy = dir.resolve("copy.parquet");
    try (OutputStream out = Files.newOutputStream(copy);
        ParquetTableWriter writer = ParquetTableWriter.open(out, in.schema(), template)) {
      for (Object[] row : rows) {
        writer.write(row);
      }
      assertThat(writer.rowCount()).isEqualTo(50);
    }

    MessageType written = ParquetTableWriter.fileSchema(input(copy));
    assertThat(written.getFields()).isEqualTo(NESTED.getFields());
    ParquetTable back = ParquetTable.open(input(copy));
    assertThat(back.schema()).isEqualTo(in.schema());
    List<Object[]> again = readAll(back);
    assertThat(again).hasSize(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertThat(again.get(i)).as("row " + i).isEqualTo(rows.get(i));
    }
    // spot checks that the values survived as values, not as text
    assertThat(again.get(1)[in.schema().indexOf("ts")]).isEqualTo(T0.plusSeconds(1));
    assertThat((String) again.get(2)[in.schema().indexOf("extra.headers")]).isEqualTo("[[\"a2\",\"b\"],[]]");
  }

  @Test
  void columnsOutsideTheTemplateGetTypesFromTheirValueType() throws Exception {
    Schema schema = new Schema(List.of(
        Column.of("s", ValueType.STRING), Column.of("i", ValueType.INTEGER), Column.of("f", ValueType.FLOAT),
        Column.of("b", ValueType.BOOLEAN), Column.of("d", ValueType.DATE), Column.of("t", ValueType.TIME),
        Column.of("dt", ValueType.DATETIME), Column.of("dec", ValueType.DECIMAL), Column.of("raw", ValueType.BYTES)));
    Object[] row = {"x", 7L, 1.5, true, LocalDate.of(2020, 2, 29), LocalTime.of(1, 2, 3, 4000),
        LocalDateTime.of(2021, 1, 1, 0, 0, 0, 1000), new BigDecimal("12.500000000"), new byte[] {1, 2}};
    Path file = dir.resolve("plain.parquet");
    try (OutputStream out = Files.newOutputStream(file);
        ParquetTableWriter writer = ParquetTableWriter.open(out, schema, null)) {
      writer.write(row);
      writer.write(new Object[schema.size()]);
    }
    ParquetTable back = ParquetTable.open(input(file));
    assertThat(back.schema()).isEqualTo(schema);
    List<Object[]> rows = readAll(back);
    assertThat(rows.get(0)).isEqualTo(row);
    assertThat(rows.get(1)).containsOnlyNulls();
  }

  @Test
  void aValueOfTheWrongTypeFailsNamingTheColumnBeforeTheRowStarts() throws Exception {
    Schema schema = new Schema(List.of(Column.of("n", ValueType.INTEGER)));
    try (OutputStream out = Files.newOutputStream(dir.resolve("bad.parquet"));
        ParquetTableWriter writer = ParquetTableWriter.open(out, schema, null)) {
      assertThatThrownBy(() -> writer.write(new Object[] {"seven"}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("column n");
      writer.write(new Object[] {8L}); // the writer is still usable
      assertThat(writer.rowCount()).isEqualTo(1);
    }
  }

  private Path writeSource(int n) throws IOException {
    Path path = dir.resolve("nested.parquet");
    SimpleGroupFactory groups = new SimpleGroupFactory(NESTED);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(path)).withType(NESTED).build()) {
      for (int i = 0; i < n; i++) {
        Group g = groups.newGroup();
        if (i % 5 != 4) {
          g.append("title", "doc " + i);
        }
        g.append("small", i - 10);
        g.append("ts", T0.plusSeconds(i).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + T0.getNano());
        byte[] unscaled = BigDecimal.valueOf(i * 100L + 1).toBigInteger().toByteArray();
        byte[] fixed = new byte[9];
        System.arraycopy(unscaled, 0, fixed, 9 - unscaled.length, unscaled.length);
        g.append("price", Binary.fromConstantByteArray(fixed));
        if (i % 3 != 0) {
          Group extra = g.addGroup("extra");
          extra.append("format", "text/html");
          Group headers = extra.addGroup("headers");
          Group inner = headers.addGroup("list").addGroup("item");
          inner.addGroup("list").append("item", "a" + i);
          inner.addGroup("list").append("item", "b");
          headers.addGroup("list").addGroup("item"); // an empty inner list
          extra.append("length", i * 1.25);
        }
        Group attrs = g.addGroup("attrs");
        attrs.addGroup("key_value").append("key", "k" + i).append("value", (long) i);
        for (int s = 0; s < i % 3; s++) {
          g.append("scores", s);
        }
        writer.write(g);
      }
    }
    return path;
  }

  private static List<Object[]> readAll(ParquetTable table) throws IOException {
    List<Object[]> rows = new ArrayList<>();
    try (RecordReader r = table.open()) {
      for (Object[] row = r.next(); row != null; row = r.next()) {
        rows.add(row);
      }
    }
    return rows;
  }

  private static dev.quarry.core.storage.InputFile input(Path p) throws IOException {
    return FileIO.unrestricted().newInputFile(Location.ofLocal(p));
  }
}
