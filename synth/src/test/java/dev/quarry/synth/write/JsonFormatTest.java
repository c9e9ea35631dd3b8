package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.ValueType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class JsonFormatTest {

  /** Exact decimals, so "12.50" keeps its scale and doubles are compared after correct rounding. */
  private static final ObjectMapper JACKSON = JsonMapper.builder()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"json", "jsonl"})
  void jacksonAndPythonReadBackTypedValues(String name) throws Exception {
    OutputFormat format = OutputFormats.byName(name);
    List<Object[]> rows = SampleTable.rows(1200);
    Path file = dir.resolve("sample." + name);
    Files.write(file, SampleTable.write(format, SampleTable.SCHEMA, rows));

    List<JsonNode> objects = new ArrayList<>();
    if (name.equals("json")) {
      JsonNode array = JACKSON.readTree(file.toFile());
      assertThat(array.isArray()).isTrue();
      array.forEach(objects::add);
    } else {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        objects.add(JACKSON.readTree(line));
      }
    }
    assertThat(objects).hasSize(rows.size());
    List<OutputColumn> columns = SampleTable.SCHEMA.columns();
    for (int r = 0; r < rows.size(); r++) {
      JsonNode object = objects.get(r);
      assertThat(object.propertyNames()).containsExactlyElementsOf(columns.stream().map(OutputColumn::name).toList());
      for (int i = 0; i < columns.size(); i++) {
        assertJackson(columns.get(i), rows.get(r)[i], object.get(columns.get(i).name()));
      }
    }

    // Python: each value as [type name, str(value)], decimals parsed exactly
    String script = """
        import json, sys, decimal
        path, lines = sys.argv[1], sys.argv[1].endswith('.jsonl')
        with open(path, encoding='utf-8') as f:
            rows = [json.loads(l, parse_float=decimal.Decimal) for l in f] if lines else json.load(f, parse_float=decimal.Decimal)
        print(json.dumps([[[k, type(v).__name__, None if v is None else str(v)] for k, v in row.items()] for row in rows]))
        """;
    JsonNode python = JACKSON.readTree(Python.run(script, file));
    assertThat(python.size()).isEqualTo(rows.size());
    for (int r = 0; r < rows.size(); r++) {
      for (int i = 0; i < columns.size(); i++) {
        JsonNode cell = python.get(r).get(i);
        assertThat(cell.get(0).asString()).isEqualTo(columns.get(i).name());
        assertPython(columns.get(i), rows.get(r)[i], cell.get(1).asString(), cell.get(2).asString());
      }
    }
  }

  @Test
  void layoutOfArrayAndLines() throws Exception {
    OutputSchema schema = new OutputSchema("t", List.of(
        new OutputColumn("a", ValueType.INTEGER, 0, true), new OutputColumn("s", ValueType.STRING, 0, true)));
    List<Object[]> rows = List.of(new Object[] {1L, "x/\"y\"\n"}, new Object[] {null, "é😀"});
    assertThat(new String(SampleTable.write(OutputFormats.JSON, schema, rows), StandardCharsets.UTF_8))
        .isEqualTo("[\n{\"a\":1,\"s\":\"x/\\\"y\\\"\\n\"},\n{\"a\":null,\"s\":\"é😀\"}\n]\n");
    assertThat(new String(SampleTable.write(OutputFormats.JSON, schema, List.of()), StandardCharsets.UTF_8))
        .isEqualTo("[\n]\n");
    assertThat(new String(SampleTable.write(OutputFormats.JSONL, schema, rows), StandardCharsets.UTF_8))
        .isEqualTo("{\"a\":1,\"s\":\"x/\\\"y\\\"\\n\"}\n{\"a\":null,\"s\":\"é😀\"}\n");
  }

  @Test
  void nonFiniteDoublesAreStrings() throws Exception {
    OutputSchema schema = new OutputSchema("t", List.of(new OutputColumn("d", ValueType.FLOAT, 0, false)));
    List<Object[]> rows = List.of(new Object[] {Double.NaN}, new Object[] {Double.NEGATIVE_INFINITY});
    assertThat(new String(SampleTable.write(OutputFormats.JSONL, schema, rows), StandardCharsets.UTF_8))
        .isEqualTo("{\"d\":\"NaN\"}\n{\"d\":\"-Infinity\"}\n");
  }

  private static void assertJackson(OutputColumn c, Object expected, JsonNode node) {
    String where = c.name() + "=" + expected;
    if (expected == null) {
      assertThat(node.isNull()).as(where).isTrue();
      return;
    }
    switch (c.type()) {
      case INTEGER -> {
        assertThat(node.isIntegralNumber()).as(where).isTrue();
        assertThat(node.bigIntegerValue().longValueExact()).as(where).isEqualTo(expected);
      }
      case FLOAT -> {
        assertThat(node.isFloatingPointNumber()).as(where).isTrue();
        // == rather than equals: BigDecimal has no -0.0 (the text "-0.0" is checked in ValueTextTest)
        assertThat(node.decimalValue().doubleValue() == (Double) expected).as(where).isTrue();
      }
      case DECIMAL -> {
        assertThat(node.isNumber()).as(where).isTrue();
        assertThat(node.decimalValue()).as(where).isEqualTo(((BigDecimal) expected).setScale(c.scale()));
      }
      case BOOLEAN -> assertThat(node.isBoolean() && node.booleanValue() == (Boolean) expected).as(where).isTrue();
      default -> {
        assertThat(node.isString()).as(where).isTrue();
        assertThat(node.asString()).as(where).isEqualTo(SampleTable.text(c, expected));
      }
    }
  }

  private static final Map<ValueType, String> PYTHON_TYPES = Map.of(
      ValueType.INTEGER, "int", ValueType.FLOAT, "Decimal", ValueType.DECIMAL, "Decimal",
      ValueType.BOOLEAN, "bool", ValueType.STRING, "str", ValueType.DATE, "str",
      ValueType.TIME, "str", ValueType.DATETIME, "str");

  private static void assertPython(OutputColumn c, Object expected, String type, String text) {
    String where = c.name() + "=" + expected;
    if (expected == null) {
      assertThat(type).as(where).isEqualTo("NoneType");
      return;
    }
    assertThat(type).as(where).isEqualTo(PYTHON_TYPES.get(c.type()));
    switch (c.type()) {
      case INTEGER -> assertThat(Long.parseLong(text)).as(where).isEqualTo(expected);
      case FLOAT -> assertThat(Double.parseDouble(text)).as(where).isEqualTo((Double) expected);
      case DECIMAL -> assertThat(new BigDecimal(text)).as(where).isEqualTo(((BigDecimal) expected).setScale(c.scale()));
      case BOOLEAN -> assertThat(text).as(where).isEqualTo((Boolean) expected ? "True" : "False");
      default -> assertThat(text).as(where).isEqualTo(SampleTable.text(c, expected));
    }
  }

}
