package dev.quarry.core.formats.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.SplittableTable;
import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonTablesTest {

  @TempDir Path dir;

  private InputFile write(String name, String content) throws IOException {
    Path path = dir.resolve(name);
    Files.writeString(path, content, StandardCharsets.UTF_8);
    return FileIO.unrestricted().newInputFile(path.toString());
  }

  private static List<List<Object>> readAll(RecordReader reader) throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    try (reader) {
      Object[] row;
      while ((row = reader.next()) != null) {
        assertThat(row).hasSize(reader.schema().size());
        rows.add(Arrays.asList(row));
      }
    }
    return rows;
  }

  @Test
  void rootArrayIsOneTableWithFlattenedNestedObjects() throws IOException {
    InputFile file = write("people.json", """
        [
          {"name": "Ann", "age": 31, "address": {"city": "Oslo", "geo": {"lat": 59.9}},
           "tags": ["a", "b"], "active": true},
          {"name": "Bo", "age": null, "address": {"city": "Rome"}, "tags": [], "active": false}
        ]
        """);
    List<Table> tables = JsonTables.open(file, Format.JSON);
    assertThat(tables).hasSize(1);
    Table table = tables.get(0);
    assertThat(table.name()).isEqualTo("people.json");
    assertThat(table.schema().columns())
        .containsExactly(
            new Column("name", ValueType.STRING, "$.name"),
            new Column("age", ValueType.INTEGER, "$.age"),
            new Column("address.city", ValueType.STRING, "$.address.city"),
            new Column("address.geo.lat", ValueType.FLOAT, "$.address.geo.lat"),
            new Column("tags", ValueType.NESTED, "$.tags"),
            new Column("active", ValueType.BOOLEAN, "$.active"));
    List<List<Object>> rows = readAll(table.open());
    assertThat(rows.get(0)).containsExactly("Ann", 31L, "Oslo", 59.9, "[\"a\",\"b\"]", true);
    assertThat(rows.get(1)).containsExactly("Bo", null, "Rome", null, "[]", false);
  }

  @Test
  void objectWithArraysOfObjectsGivesOneTablePerArray() throws IOException {
    InputFile file = write("shop.json", """
        {"version": 2, "meta": {"source": "x"}, "scores": [1, 2],
         "customers": [{"id": 1, "name": "a"}, {"id": 2, "name": "b"}],
         "orders": [{"id": 10, "total": 9.5}, {"id": 11, "total": 3}]}
        """);
    List<Table> tables = JsonTables.open(file, Format.JSON);
    assertThat(tables).extracting(Table::name).containsExactly("customers", "orders");
    assertThat(readAll(tables.get(0).open())).containsExactly(List.of(1L, "a"), List.of(2L, "b"));
    assertThat(readAll(tables.get(1).open())).containsExactly(List.of(10L, 9.5), List.of(11L, 3L));
  }

  @Test
  void singleObjectIsOneRow() throws IOException {
    InputFile file = write("config.json", "{\"a\": 1, \"b\": {\"c\": \"x\"}}");
    List<Table> tables = JsonTables.open(file, Format.JSON);
    assertThat(tables).singleElement().extracting(Table::name).isEqualTo("config.json");
    assertThat(readAll(tables.get(0).open())).containsExactly(List.of(1L, "x"));
  }

  @Test
  void typesWidenButValuesStayAsRead() throws IOException {
    InputFile file = write("w.json", """
        [{"n": 1, "m": 1, "s": 5, "big": 1},
         {"n": 2.5, "m": "x", "s": true, "big": 123456789012345678901234567890}]
        """);
    Table table = JsonTables.open(file, Format.JSON).get(0);
    assertThat(table.schema().columns()).extracting(Column::type)
        .containsExactly(ValueType.FLOAT, ValueType.STRING, ValueType.STRING, ValueType.DECIMAL);
    List<List<Object>> rows = readAll(table.open());
    assertThat(rows.get(0)).containsExactly(1L, 1L, 5L, 1L);
    assertThat(rows.get(1)).containsExactly(2.5, "x", true,
        new BigDecimal("123456789012345678901234567890"));
  }

  @Test
  void schemaGrowsAsNewKeysAppear() throws IOException {
    InputFile file = write("g.json", "[{\"a\": 1}, {\"a\": 2, \"b\": \"new\"}, {\"c\": null}]");
    try (RecordReader reader = JsonTables.open(file, Format.JSON).get(0).open()) {
      assertThat(reader.next()).containsExactly(1L);
      assertThat(reader.schema().size()).isEqualTo(1);
      assertThat(reader.next()).containsExactly(2L, "new");
      assertThat(reader.schema().columns()).extracting(Column::name).containsExactly("a", "b");
      assertThat(reader.next()).containsExactly(null, null, null);
      assertThat(reader.schema().column(2)).isEqualTo(new Column("c", ValueType.STRING, "$.c"));
      assertThat(reader.next()).isNull();
    }
  }

  @Test
  void malformedJsonNamesFileLineAndColumn() throws IOException {
    InputFile file = write("bad.json", "[{\"a\": 1},\n {\"a\": 2,,}]");
    Table table = JsonTables.open(file, Format.JSON).get(0);
    assertThatThrownBy(() -> readAll(table.open()))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("bad.json")
        .hasMessageContaining("line 2")
        .hasMessageContaining("column");
  }

  @Test
  void jsonLinesRangesReadEveryRecordExactlyOnce() throws IOException {
    Path path = dir.resolve("events.jsonl");
    int records = 20_000;
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      for (int i = 0; i < records; i++) {
        w.write("{\"id\": " + i + ", \"text\": \"line\\nwith escaped newline " + i + "\""
            + (i % 3 == 0 ? ", \"extra\": {\"k\": " + i + "}" : "") + "}\n");
        if (i % 1000 == 0) {
          w.write("\n");
        }
      }
    }
    InputFile file = FileIO.unrestricted().newInputFile(path.toString());
    Table table = JsonTables.open(file, Format.JSONL).get(0);
    assertThat(table).isInstanceOf(SplittableTable.class);
    List<List<Object>> single = readAll(table.open());
    assertThat(single).hasSize(records);
    assertThat(table.schema().columns()).extracting(Column::name)
        .containsExactly("id", "text", "extra.k");

    SplittableTable split = (SplittableTable) table;
    List<Object> ids = new ArrayList<>();
    long step = 77_777;
    for (long start = 0; start < split.length(); start += step) {
      for (List<Object> row : readAll(split.open(start, Math.min(split.length(), start + step)))) {
        ids.add(row.get(0));
      }
    }
    assertThat(ids).isEqualTo(single.stream().map(r -> r.get(0)).toList());
  }

  @Test
  void malformedJsonLineIsReported() throws IOException {
    InputFile file = write("bad.jsonl", "{\"a\": 1}\n{\"a\": }\n");
    Table table = JsonTables.open(file, Format.JSONL).get(0);
    assertThatThrownBy(() -> readAll(table.open()))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("bad.jsonl")
        .hasMessageContaining("line 2");
  }
}
