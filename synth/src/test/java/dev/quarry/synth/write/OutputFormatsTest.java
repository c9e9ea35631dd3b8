package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.ValueType;
import java.io.OutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputFormatsTest {

  @Test
  void everyFormatByItsNameAndAliases() {
    for (OutputFormat f : OutputFormats.all()) {
      assertThat(OutputFormats.byName(f.name())).isSameAs(f);
      assertThat(OutputFormats.byName(f.name().toUpperCase())).isSameAs(f);
    }
    assertThat(OutputFormats.all()).extracting(OutputFormat::name).containsExactly(
        "csv", "tsv", "json", "jsonl", "sql", "sql:postgresql", "sql:mysql", "sql:sqlite", "xml", "parquet", "parquet:zstd");
    assertThat(OutputFormats.byName("ndjson")).isSameAs(OutputFormats.JSONL);
    assertThat(OutputFormats.byName("sql:standard")).isSameAs(OutputFormats.SQL);
    assertThat(OutputFormats.byName("sql:postgres")).isSameAs(OutputFormats.SQL_POSTGRESQL);
    assertThat(OutputFormats.byName("parquet:snappy")).isSameAs(OutputFormats.PARQUET);
    assertThat(OutputFormats.PARQUET.concatenable()).isFalse();
    assertThat(OutputFormats.all()).filteredOn(f -> !f.name().startsWith("parquet")).allMatch(OutputFormat::concatenable);
    assertThat(OutputFormats.CSV.mediaType()).isEqualTo("text/csv");
    assertThat(OutputFormats.SQL_MYSQL.extension()).isEqualTo("sql");
  }

  @Test
  void unknownNamesListTheValidOnes() {
    assertThatThrownBy(() -> OutputFormats.byName("xlsx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'xlsx'")
        .hasMessageContaining("csv, tsv, json, jsonl, sql, sql:postgresql, sql:mysql, sql:sqlite, xml, parquet, parquet:zstd");
    assertThatThrownBy(() -> OutputFormats.byName(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writersRejectBadRowsWithTheColumnNamed() throws Exception {
    OutputSchema schema = new OutputSchema("t", List.of(
        new OutputColumn("n", ValueType.INTEGER, 0, false), new OutputColumn("s", ValueType.STRING, 0, true)));
    for (OutputFormat f : OutputFormats.all()) {
      java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
      try (RowWriter w = f.open(bytes, schema, Fragment.WHOLE)) {
        assertThatThrownBy(() -> w.write(new Object[] {1L})).as(f.name()).hasMessageContaining("row has 1 values");
        assertThatThrownBy(() -> w.write(new Object[] {null, "x"})).as(f.name()).hasMessageContaining("column n is not nullable");
        assertThatThrownBy(() -> w.write(new Object[] {2L, 3L})).as(f.name()).hasMessageContaining("column s (STRING)");
        w.write(new Object[] {4L, "still usable"});
      }
      if (f.concatenable()) { // a rejected row wrote nothing: the output is as if only the good row came
        assertThat(bytes.toByteArray()).as(f.name())
            .isEqualTo(SampleTable.write(f, schema, List.<Object[]>of(new Object[] {4L, "still usable"})));
      }
    }
    assertThatThrownBy(() -> OutputFormats.CSV.open(OutputStream.nullOutputStream(),
        new OutputSchema("t", List.of(new OutputColumn("b", ValueType.BYTES, 0, true))), Fragment.WHOLE))
        .hasMessageContaining("BYTES is not supported");
    assertThatThrownBy(() -> new OutputColumn("d", ValueType.DECIMAL, 3, true, 2)).hasMessageContaining("scale");
  }
}
