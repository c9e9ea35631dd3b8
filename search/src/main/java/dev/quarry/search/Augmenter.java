package dev.quarry.search;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.storage.FileIO;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Executes what join and union search found: a left join of the query table with a found table
 * (many-to-one matches aggregated per key), or a union of the two by matched columns.
 *
 * <p>The query table streams through; for a join, the found table is first reduced to one
 * aggregate per distinct key (a hash join's build side), so memory grows with its distinct keys,
 * not its rows.
 */
public final class Augmenter {

  /** How many-to-one matches are combined: numeric ones for numbers, {@code first} for anything. */
  public enum Aggregation {
    FIRST, MEAN, SUM, MIN, MAX, COUNT;

    public static Aggregation parse(String s) {
      try {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new InvalidQueryException("aggregation '" + s + "': expected first, mean, sum, min, max or count");
      }
    }
  }

  /** What an augmentation wrote. */
  public record Result(long rows, long matched, List<String> columns) {}

  private final FileIO io;

  public Augmenter(FileIO io) {
    this.io = io;
  }

  /**
   * Left-joins {@code left} (every row kept) with {@code right} on {@code leftKey = rightKey}
   * (compared as {@link JoinKeys}), adding the right table's other columns aggregated per key.
   */
  public Result join(String left, String leftKey, String right, String rightKey,
      Aggregation aggregation, TableOutput.Kind kind, OutputStream out) throws IOException {
    Map<String, Object[]> byKey = new HashMap<>();
    List<Column> added = new ArrayList<>();
    int[] rightKeyIndex = new int[1];
    List<Integer> rightCols = new ArrayList<>();
    DatasetTables.first(io, right, (file, table) -> {
      try (RecordReader r = table.open()) {
        Schema schema = table.schema();
        rightKeyIndex[0] = indexOf(schema, rightKey, right);
        Object[] row;
        while ((row = r.next()) != null) {
          if (rightCols.isEmpty()) {
            for (int i = 0; i < row.length; i++) {
              if (i != rightKeyIndex[0]) {
                rightCols.add(i);
              }
            }
          }
          String key = JoinKeys.normalize(value(row, rightKeyIndex[0]));
          if (key == null) {
            continue;
          }
          Object[] acc = byKey.computeIfAbsent(key, k -> new Object[rightCols.size()]);
          for (int j = 0; j < rightCols.size(); j++) {
            acc[j] = accumulate(acc[j], value(row, rightCols.get(j)), aggregation);
          }
        }
        Schema read = r.schema();
        for (int i : rightCols) {
          added.add(read.column(i));
        }
      }
      return null;
    });
    return DatasetTables.first(io, left, (file, table) -> writeJoined(table, leftKey, left, byKey,
        added, aggregation, kind, out));
  }

  private static Result writeJoined(Table table, String leftKey, String left,
      Map<String, Object[]> byKey, List<Column> added, Aggregation aggregation,
      TableOutput.Kind kind, OutputStream out) throws IOException {
    Schema schema = table.schema();
    int keyIndex = indexOf(schema, leftKey, left);
    List<Column> columns = new ArrayList<>(schema.columns());
    Set<String> names = new HashSet<>();
    schema.columns().forEach(c -> names.add(c.name()));
    for (Column c : added) {
      String name = aggregation == Aggregation.FIRST ? c.name()
          : c.name() + "_" + aggregation.name().toLowerCase(Locale.ROOT);
      while (!names.add(name)) {
        name = "right_" + name;
      }
      ValueType type = aggregation == Aggregation.FIRST ? c.type()
          : aggregation == Aggregation.COUNT ? ValueType.INTEGER : ValueType.FLOAT;
      columns.add(Column.of(name, type));
    }
    Schema outSchema = new Schema(columns);
    long rows = 0;
    long matched = 0;
    try (RecordReader r = table.open(); TableOutput w = TableOutput.open(kind, outSchema, out)) {
      Object[] row;
      int width = schema.size();
      while ((row = r.next()) != null) {
        Object[] o = new Object[columns.size()];
        System.arraycopy(row, 0, o, 0, Math.min(width, row.length));
        Object[] acc = byKey.get(JoinKeys.normalize(value(row, keyIndex)));
        if (acc != null) {
          matched++;
          for (int j = 0; j < acc.length; j++) {
            o[width + j] = result(acc[j], aggregation, added.get(j).type());
          }
        }
        w.write(o);
        rows++;
      }
    }
    return new Result(rows, matched, columns.stream().map(Column::name).toList());
  }

  /**
   * Appends {@code right}'s rows below {@code left}'s, in {@code left}'s columns; {@code pairs} maps a
   * left column to the right column that fills it (unmatched left columns stay empty).
   */
  public Result union(String left, String right, Map<String, String> pairs, TableOutput.Kind kind,
      OutputStream out) throws IOException {
    Schema leftSchema = DatasetTables.first(io, left, (file, table) -> table.schema());
    List<Column> columns = new ArrayList<>();
    for (Column c : leftSchema.columns()) {
      // Rows from both sides share each column: typed values from one side would clash with
      // the other's, so typed columns are written as text unless both agree.
      columns.add(Column.of(c.name(), ValueType.STRING));
    }
    Schema outSchema = new Schema(columns);
    long[] rows = new long[1];
    long[] fromRight = new long[1];
    try (TableOutput w = TableOutput.open(kind, outSchema, out)) {
      DatasetTables.first(io, left, (file, table) -> {
        try (RecordReader r = table.open()) {
          Object[] row;
          while ((row = r.next()) != null) {
            w.write(text(row, columns.size()));
            rows[0]++;
          }
        }
        return null;
      });
      DatasetTables.first(io, right, (file, table) -> {
        Schema rs = table.schema();
        int[] map = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
          String target = pairs.get(columns.get(i).name());
          map[i] = target == null ? -1 : indexOf(rs, target, right);
        }
        try (RecordReader r = table.open()) {
          Object[] row;
          while ((row = r.next()) != null) {
            Object[] o = new Object[columns.size()];
            for (int i = 0; i < map.length; i++) {
              o[i] = map[i] < 0 ? null : value(row, map[i]);
            }
            w.write(text(o, columns.size()));
            rows[0]++;
            fromRight[0]++;
          }
        }
        return null;
      });
    }
    return new Result(rows[0], fromRight[0], columns.stream().map(Column::name).toList());
  }

  private static Object[] text(Object[] row, int width) {
    Object[] o = new Object[width];
    for (int i = 0; i < width && i < row.length; i++) {
      o[i] = row[i] == null ? null : row[i].toString();
    }
    return o;
  }

  private static int indexOf(Schema schema, String column, String where) {
    int i = schema.indexOf(column);
    if (i < 0) {
      throw new InvalidQueryException(where + ": no column '" + column + "'; columns: "
          + schema.columns().stream().map(Column::name).toList());
    }
    return i;
  }

  private static Object value(Object[] row, int i) {
    return i < row.length ? row[i] : null;
  }

  /** Running state per key and column: the first value, or {count, sum, min, max}. */
  private static Object accumulate(Object acc, Object v, Aggregation a) {
    if (v == null || (v instanceof String s && s.isBlank())) {
      return acc;
    }
    if (a == Aggregation.FIRST) {
      return acc == null ? v : acc;
    }
    double[] s = acc == null ? new double[] {0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}
        : (double[]) acc;
    s[0]++;
    Double d = number(v);
    if (d != null) {
      s[1] += d;
      s[2] = Math.min(s[2], d);
      s[3] = Math.max(s[3], d);
    } else if (a != Aggregation.COUNT) {
      s[1] = Double.NaN; // a non-number makes the numeric aggregate meaningless
    }
    return s;
  }

  private static Object result(Object acc, Aggregation a, ValueType type) {
    if (acc == null) {
      return a == Aggregation.COUNT ? 0L : null;
    }
    if (a == Aggregation.FIRST) {
      return acc;
    }
    double[] s = (double[]) acc;
    if (a == Aggregation.COUNT) {
      return (long) s[0];
    }
    if (Double.isNaN(s[1])) {
      return null;
    }
    return switch (a) {
      case MEAN -> s[1] / s[0];
      case SUM -> s[1];
      case MIN -> s[2];
      case MAX -> s[3];
      default -> throw new IllegalStateException();
    };
  }

  private static Double number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(v.toString().trim());
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
