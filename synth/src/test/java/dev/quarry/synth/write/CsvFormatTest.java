package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import dev.quarry.core.formats.ValueType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

class CsvFormatTest {

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv"})
  void fastCsvAndPythonReadBackEveryValue(String name) throws Exception {
    OutputFormat format = OutputFormats.byName(name);
    char delimiter = name.equals("csv") ? ',' : '\t';
    List<Object[]> rows = SampleTable.rows(1500);
    Path file = dir.resolve("sample." + format.extension());
    Files.write(file, SampleTable.write(format, SampleTable.SCHEMA, rows));
    List<List<String>> expected = expected(rows);

    List<List<String>> fastCsv = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delimiter).ofCsvRecord(file)) {
      reader.forEach(r -> fastCsv.add(r.getFields()));
    }
    assertThat(fastCsv).containsExactlyElementsOf(expected);

    String script = """
        import csv, json, sys
        with open(sys.argv[1], newline='', encoding='utf-8') as f:
            print(json.dumps(list(csv.reader(f, delimiter=sys.argv[2][0], strict=True))))
        """;
    String out = Python.run(script, file, Path.of(String.valueOf(delimiter)));
    List<List<String>> python = Arrays.stream(JSON.readValue(out, String[][].class)).map(List::of).toList();
    assertThat(python).containsExactlyElementsOf(expected);
  }

  @Test
  void quotesOnlyWhatNeedsQuotingAndKeepsNullApartFromEmpty() throws Exception {
    OutputSchema schema = new OutputSchema("t", List.of(
        new OutputColumn("a", ValueType.STRING, 0, true),
        new OutputColumn("b,c", ValueType.INTEGER, 0, true)));
    List<Object[]> rows = List.of(
        new Object[] {"x", 1L},
        new Object[] {"", null},
        new Object[] {null, -2L},
        new Object[] {"say \"hi\"\nbye", 3L});
    String csv = new String(SampleTable.write(OutputFormats.CSV, schema, rows), StandardCharsets.UTF_8);
    assertThat(csv).isEqualTo("a,\"b,c\"\nx,1\n\"\",\n,-2\n\"say \"\"hi\"\"\nbye\",3\n");
    String tsv = new String(SampleTable.write(OutputFormats.TSV, schema, rows), StandardCharsets.UTF_8);
    assertThat(tsv).isEqualTo("a\tb,c\nx\t1\n\"\"\t\n\t-2\n\"say \"\"hi\"\"\nbye\"\t3\n");
  }

  @Test
  void aSingleNullColumnRowIsNotAnEmptyLine() throws Exception {
    // an empty line would be skipped by most readers, losing the row
    OutputSchema schema = new OutputSchema("t", List.of(new OutputColumn("a", ValueType.STRING, 0, true)));
    List<Object[]> rows = List.<Object[]>of(new Object[] {"x"}, new Object[] {null}, new Object[] {"y"});
    Path file = dir.resolve("one.csv");
    Files.write(file, SampleTable.write(OutputFormats.CSV, schema, rows));
    List<String> read = new ArrayList<>();
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
      reader.forEach(r -> read.add(r.getField(0)));
    }
    assertThat(read).containsExactly("a", "x", "", "y");
  }

  static List<List<String>> expected(List<Object[]> rows) {
    List<List<String>> expected = new ArrayList<>();
    expected.add(SampleTable.SCHEMA.columns().stream().map(OutputColumn::name).toList());
    for (Object[] row : rows) {
      List<String> fields = new ArrayList<>();
      for (int i = 0; i < row.length; i++) {
        String text = SampleTable.text(SampleTable.SCHEMA.columns().get(i), row[i]);
        fields.add(text == null ? "" : text);
      }
      expected.add(fields);
    }
    return expected;
  }
}
