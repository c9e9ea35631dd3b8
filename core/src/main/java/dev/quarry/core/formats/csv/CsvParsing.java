package dev.quarry.core.formats.csv;

import de.siegmar.fastcsv.reader.CommentStrategy;
import de.siegmar.fastcsv.reader.CsvReader;
import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** FastCSV set up for a dialect (rows from {@link NullingRowHandler}), and the schema made from a header. Shared by the CSV tables. */
final class CsvParsing {

  private CsvParsing() {}

  static CsvReader.CsvReaderBuilder builder(CsvDialect dialect) {
    CsvReader.CsvReaderBuilder builder =
        CsvReader.builder()
            .fieldSeparator(dialect.delimiter())
            .quoteCharacter(dialect.quote())
            .skipEmptyLines(true)
            .allowExtraFields(true)
            .allowMissingFields(true)
            .allowExtraCharsAfterClosingQuote(true);
    if (dialect.comment() != null) {
      builder.commentStrategy(CommentStrategy.SKIP).commentCharacter(dialect.comment());
    }
    return builder;
  }

  static CsvReader<String[]> rows(CsvDialect dialect, InputStream in) {
    return builder(dialect)
        .build(new NullingRowHandler(), in, dialect.charset());
  }

  /** Column names from a header: blank names become {@code column_<n>}, repeats get a suffix. */
  static Schema schema(List<String> header) {
    Set<String> used = new HashSet<>();
    List<Column> columns = new ArrayList<>(header.size());
    for (int i = 0; i < header.size(); i++) {
      String raw = header.get(i) == null ? "" : header.get(i).strip();
      String name = raw.isEmpty() ? "column_" + (i + 1) : raw;
      String unique = name;
      for (int n = 2; !used.add(unique); n++) {
        unique = name + "_" + n;
      }
      columns.add(Column.of(unique, ValueType.STRING));
    }
    return new Schema(columns);
  }

  /** {@code column_1 ... column_n} for a file without a header. */
  static Schema positional(int width) {
    List<String> blanks = new ArrayList<>(width);
    for (int i = 0; i < width; i++) {
      blanks.add("");
    }
    return schema(blanks);
  }
}
