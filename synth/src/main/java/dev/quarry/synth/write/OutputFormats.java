package dev.quarry.synth.write;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The output formats by name. Names are case-insensitive:
 *
 * <ul>
 *   <li>{@code csv}, {@code tsv}
 *   <li>{@code json} (one array), {@code jsonl} (alias {@code ndjson})
 *   <li>{@code sql} (standard SQL; alias {@code sql:standard}), {@code sql:postgresql} (alias
 *       {@code sql:postgres}), {@code sql:mysql}, {@code sql:sqlite} — {@value
 *       SqlFormat#DEFAULT_BATCH_ROWS} rows per INSERT
 *   <li>{@code xml}
 *   <li>{@code parquet} (Snappy; alias {@code parquet:snappy}), {@code parquet:zstd}
 * </ul>
 */
public final class OutputFormats {

  public static final OutputFormat CSV = new CsvFormat("csv", ',', "text/csv");
  public static final OutputFormat TSV = new CsvFormat("tsv", '\t', "text/tab-separated-values");
  public static final OutputFormat JSON = new JsonFormat(false);
  public static final OutputFormat JSONL = new JsonFormat(true);
  public static final OutputFormat SQL = sql(SqlDialect.STANDARD);
  public static final OutputFormat SQL_POSTGRESQL = sql(SqlDialect.POSTGRESQL);
  public static final OutputFormat SQL_MYSQL = sql(SqlDialect.MYSQL);
  public static final OutputFormat SQL_SQLITE = sql(SqlDialect.SQLITE);
  public static final OutputFormat XML = new XmlFormat();
  public static final OutputFormat PARQUET = new ParquetFormat(CompressionCodecName.SNAPPY);
  public static final OutputFormat PARQUET_ZSTD = new ParquetFormat(CompressionCodecName.ZSTD);

  private static final List<OutputFormat> ALL = List.of(
      CSV, TSV, JSON, JSONL, SQL, SQL_POSTGRESQL, SQL_MYSQL, SQL_SQLITE, XML, PARQUET, PARQUET_ZSTD);

  private static final Map<String, OutputFormat> BY_NAME = byName();

  private OutputFormats() {}

  private static Map<String, OutputFormat> byName() {
    Map<String, OutputFormat> names = new LinkedHashMap<>();
    for (OutputFormat f : ALL) {
      names.put(f.name(), f);
    }
    names.put("ndjson", JSONL);
    names.put("sql:standard", SQL);
    names.put("sql:postgres", SQL_POSTGRESQL);
    names.put("parquet:snappy", PARQUET);
    return Map.copyOf(names);
  }

  /** Every format, each once, under its canonical {@link OutputFormat#name()}. */
  public static List<OutputFormat> all() {
    return ALL;
  }

  /**
   * The format called {@code name} (see the class comment).
   *
   * @throws IllegalArgumentException naming the valid names when there is no such format
   */
  public static OutputFormat byName(String name) {
    OutputFormat format = name == null ? null : BY_NAME.get(name.trim().toLowerCase(Locale.ROOT));
    if (format == null) {
      throw new IllegalArgumentException("unknown output format '" + name + "'; valid: "
          + String.join(", ", ALL.stream().map(OutputFormat::name).toList())
          + " (aliases: ndjson, sql:standard, sql:postgres, parquet:snappy)");
    }
    return format;
  }

  /** SQL in {@code dialect} with the default rows per INSERT. */
  public static OutputFormat sql(SqlDialect dialect) {
    return sql(dialect, SqlFormat.DEFAULT_BATCH_ROWS);
  }

  /** SQL in {@code dialect} with {@code rowsPerInsert} rows per INSERT statement. */
  public static OutputFormat sql(SqlDialect dialect, int rowsPerInsert) {
    return new SqlFormat(dialect, rowsPerInsert);
  }
}
