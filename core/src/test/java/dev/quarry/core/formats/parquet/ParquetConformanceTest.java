package dev.quarry.core.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.ValueType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Public Parquet files (Croissant examples, a data-prep-kit fixture), read by Quarry and by DuckDB:
 * both must see the same columns, types and rows.
 */
class ParquetConformanceTest {

  private static final Path CONFORMANCE = Path.of("/work/shared/conformance");

  /** The facts DuckDB reported once (DESCRIBE, count(*)), kept so a DuckDB change cannot hide a bug. */
  private static final Map<String, Long> KNOWN_ROW_COUNTS =
      Map.of("dataframe.parquet", 10L, "train.parquet", 3L, "test1.parquet", 7L);

  static Stream<Path> fixtures() throws Exception {
    Assumptions.assumeTrue(Files.isDirectory(CONFORMANCE), "conformance files not present");
    List<Path> files = new ArrayList<>();
    files.add(CONFORMANCE.resolve("croissant/1.0/simple-parquet/data/dataframe.parquet"));
    files.add(CONFORMANCE.resolve("croissant/1.0/simple-split/data/train.parquet"));
    try (Stream<Path> dpk = Files.list(CONFORMANCE.resolve("dpk/noop/test-data/input"))) {
      dpk.filter(p -> p.toString().endsWith(".parquet")).sorted().forEach(files::add);
    }
    return files.stream();
  }

  @ParameterizedTest
  @MethodSource("fixtures")
  void readsTheSameColumnsTypesAndRowsAsDuckDb(Path path) throws Exception {
    ParquetTable table = ParquetTable.open(ParquetTableTest.input(path));
    List<Object[]> ours = ParquetTableTest.readAll(table.open());

    List<String> duckNames = new ArrayList<>();
    List<ValueType> duckTypes = new ArrayList<>();
    List<Object[]> duckRows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + path + "')")) {
      ResultSetMetaData meta = r.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        duckNames.add(meta.getColumnName(i));
        duckTypes.add(fromDuckDb(meta.getColumnTypeName(i)));
      }
      while (r.next()) {
        Object[] row = new Object[duckNames.size()];
        for (int i = 0; i < row.length; i++) {
          Object v = r.getObject(i + 1);
          row[i] = v instanceof Integer n ? Long.valueOf(n) : v;
        }
        duckRows.add(row);
      }
    }

    assertThat(table.schema().columns()).extracting(Column::name).containsExactlyElementsOf(duckNames);
    assertThat(table.schema().columns()).extracting(Column::type).containsExactlyElementsOf(duckTypes);
    assertThat(table.rowCount()).isEqualTo(duckRows.size());
    String fileName = path.getFileName().toString();
    if (KNOWN_ROW_COUNTS.containsKey(fileName)) {
      assertThat(table.rowCount()).isEqualTo(KNOWN_ROW_COUNTS.get(fileName));
    }
    assertThat(ours).hasSameSizeAs(duckRows);
    for (int i = 0; i < ours.size(); i++) {
      assertThat(ours.get(i)).as("%s row %d", fileName, i).containsExactly(duckRows.get(i));
    }
  }

  private static ValueType fromDuckDb(String type) {
    switch (type) {
      case "VARCHAR":
        return ValueType.STRING;
      case "BIGINT":
      case "INTEGER":
      case "SMALLINT":
      case "TINYINT":
        return ValueType.INTEGER;
      case "DOUBLE":
      case "FLOAT":
        return ValueType.FLOAT;
      case "BOOLEAN":
        return ValueType.BOOLEAN;
      case "DATE":
        return ValueType.DATE;
      default:
        throw new IllegalArgumentException("extend the test's DuckDB type map for " + type);
    }
  }
}
