package dev.quarry.transform.builtin;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.transform.spi.Batch;
import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.ParamType;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.PrepareContext;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import dev.quarry.transform.spi.TransformSpec;
import java.io.Serializable;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Keeps the rows that match SQL WHERE clauses ({@code criteria_list}, combined with
 * {@code logical_operator} AND or OR) and drops columns ({@code columns_to_drop}; a struct's name
 * drops all its fields). The clauses are evaluated by DuckDB, in process: each batch is appended to
 * an in-memory DuckDB table (only the columns the clauses can mention) and DuckDB returns the
 * positions of the matching rows. Columns of flattened structs are named with dots, e.g.
 * {@code "extra.format"} (quoted in SQL).
 */
public final class FilterTransform implements TransformSpec {

  private static final String ROW = "__quarry_row";

  @Override
  public String name() {
    return "filter";
  }

  @Override
  public String description() {
    return "keeps rows matching SQL criteria and drops columns";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.of("criteria_list", ParamType.STRING_LIST, List.of(), "SQL WHERE clauses, as a JSON list"),
        Param.of("logical_operator", ParamType.STRING, "AND", "AND or OR: how the clauses combine")
            .withCheck(v -> List.of("AND", "OR").contains(v.toString().toUpperCase(Locale.ROOT))
                ? null : "must be AND or OR, got '" + v + "'"),
        Param.of("columns_to_drop", ParamType.STRING_LIST, List.of(), "columns to remove, as a JSON list"));
  }

  /** Checks the clauses against the first input file's columns, so a typo fails before the run. */
  @Override
  public Serializable prepare(PrepareContext context) throws Exception {
    List<String> criteria = context.params().list("criteria_list");
    if (criteria.isEmpty() || context.inputs().isEmpty()) {
      return null;
    }
    Schema schema = ParquetTable.open(context.inputs().get(0).file()).schema();
    try (Evaluator e = new Evaluator(criteria, context.params().string("logical_operator"))) {
      e.matching(Batch.empty(schema));
    } catch (SQLException ex) {
      throw new dev.quarry.transform.run.InvalidJobException(
          "criteria_list", firstLine(ex.getMessage()) + " (checked against " + context.inputs().get(0).relPath() + ")");
    }
    return null;
  }

  static String firstLine(String message) {
    String m = message == null ? "" : message.strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }

  @Override
  public TableTransform create(Params params, Serializable shared) throws SQLException {
    List<String> criteria = params.list("criteria_list");
    List<String> drop = params.list("columns_to_drop");
    Evaluator evaluator = criteria.isEmpty() ? null : new Evaluator(criteria, params.string("logical_operator"));
    return new TableTransform() {
      @Override
      public TransformResult transform(Batch batch, String file) throws SQLException {
        Batch kept = batch;
        if (evaluator != null) {
          List<Object[]> rows = new ArrayList<>();
          for (int i : evaluator.matching(batch)) {
            rows.add(batch.rows().get(i));
          }
          kept = batch.withRows(rows);
        }
        Batch out = dropColumns(kept, drop);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total_docs_count", (long) batch.size());
        meta.put("docs_after_filter", (long) out.size());
        return TransformResult.of(out, meta);
      }

      @Override
      public void close() throws SQLException {
        if (evaluator != null) {
          evaluator.close();
        }
      }
    };
  }

  static Batch dropColumns(Batch batch, List<String> drop) {
    if (drop.isEmpty()) {
      return batch;
    }
    List<Integer> keep = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    for (int i = 0; i < batch.schema().size(); i++) {
      String name = batch.schema().column(i).name();
      boolean dropped = drop.stream().anyMatch(d -> name.equals(d) || name.startsWith(d + "."));
      if (!dropped) {
        keep.add(i);
        cols.add(batch.schema().column(i));
      }
    }
    if (keep.size() == batch.schema().size()) {
      return batch;
    }
    List<Object[]> rows = new ArrayList<>(batch.size());
    for (Object[] row : batch.rows()) {
      Object[] r = new Object[keep.size()];
      for (int k = 0; k < r.length; k++) {
        r[k] = row[keep.get(k)];
      }
      rows.add(r);
    }
    return new Batch(new Schema(cols), rows);
  }

  /** One in-memory DuckDB per worker's transform, reused for each batch. */
  static final class Evaluator implements AutoCloseable {
    private final String where;
    private final String criteriaText;
    private final DuckDBConnection connection;

    Evaluator(List<String> criteria, String operator) throws SQLException {
      String op = " " + operator.toUpperCase(Locale.ROOT) + " ";
      this.where = String.join(op, criteria.stream().map(c -> "(" + c + ")").toList());
      this.criteriaText = where.toLowerCase(Locale.ROOT);
      this.connection = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
    }

    /** Positions of the rows of {@code batch} that match, in order. */
    List<Integer> matching(Batch batch) throws SQLException {
      List<Integer> loaded = new ArrayList<>();
      StringBuilder ddl = new StringBuilder("CREATE OR REPLACE TABLE batch (" + ROW + " INTEGER");
      for (int i = 0; i < batch.schema().size(); i++) {
        Column c = batch.schema().column(i);
        // a column the clauses cannot name is not loaded (text columns can be large)
        if (criteriaText.contains(c.name().toLowerCase(Locale.ROOT))) {
          loaded.add(i);
          ddl.append(", ").append(quote(c.name())).append(' ').append(sqlType(c.type()));
        }
      }
      ddl.append(')');
      try (Statement s = connection.createStatement()) {
        s.execute(ddl.toString());
      }
      try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "batch")) {
        List<Object[]> rows = batch.rows();
        for (int r = 0; r < rows.size(); r++) {
          Object[] row = rows.get(r);
          appender.beginRow();
          appender.append(r);
          for (int i : loaded) {
            append(appender, batch.schema().column(i).type(), row[i]);
          }
          appender.endRow();
        }
      }
      List<Integer> out = new ArrayList<>();
      try (Statement s = connection.createStatement();
          ResultSet rs = s.executeQuery("SELECT " + ROW + " FROM batch WHERE " + where + " ORDER BY " + ROW)) {
        while (rs.next()) {
          out.add(rs.getInt(1));
        }
      }
      return out;
    }

    private static String quote(String name) {
      return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String sqlType(ValueType t) {
      return switch (t) {
        case STRING, NESTED -> "VARCHAR";
        case INTEGER -> "BIGINT";
        case FLOAT -> "DOUBLE";
        case DECIMAL -> "DOUBLE";
        case BOOLEAN -> "BOOLEAN";
        case DATE -> "DATE";
        case TIME -> "TIME";
        case DATETIME -> "TIMESTAMP";
        case BYTES -> "BLOB";
      };
    }

    private static void append(DuckDBAppender a, ValueType type, Object v) throws SQLException {
      if (v == null) {
        a.appendNull();
        return;
      }
      switch (type) {
        case STRING, NESTED -> a.append((String) v);
        case INTEGER -> a.append(((Number) v).longValue());
        case FLOAT -> a.append(((Number) v).doubleValue());
        case DECIMAL -> a.append(((BigDecimal) v).doubleValue());
        case BOOLEAN -> a.append((boolean) (Boolean) v);
        case DATE -> a.append((LocalDate) v);
        case TIME -> a.append((LocalTime) v);
        case DATETIME -> a.append(v instanceof Instant i ? LocalDateTime.ofInstant(i, ZoneOffset.UTC) : (LocalDateTime) v);
        case BYTES -> a.append((byte[]) v);
      }
    }

    @Override
    public void close() throws SQLException {
      connection.close();
    }
  }
}
