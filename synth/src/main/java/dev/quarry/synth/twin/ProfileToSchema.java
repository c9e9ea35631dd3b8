package dev.quarry.synth.twin;

import dev.quarry.synth.schema.SchemaParser;
import dev.quarry.synth.schema.SynthSchema;
import dev.quarry.synth.twin.TwinProfile.ColumnProfile;
import dev.quarry.synth.twin.TwinProfile.TableProfile;
import dev.quarry.synth.twin.TwinProfile.ValueCount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a heavy profile into a synth schema: one table per record set, one generator per field.
 *
 * <p>The schema is built as schema-language JSON and parsed by {@link SchemaParser}, so the user can
 * save it ({@code --emit-schema}), edit it and run it with {@code quarry synth --schema}, and so the
 * twin is checked by exactly the rules a hand-written schema is.
 *
 * <p>Field kinds, first match wins:
 *
 * <ol>
 *   <li>no present values → constant null; one distinct value → {@code constant}
 *   <li>semantic identifier → {@code sequence} from the minimum (integers) or {@code uuid}
 *   <li>categorical (semantic categorical or boolean, {@code sc:Boolean}, or top values covering
 *       ≥ {@value #CATEGORICAL_COVERAGE} of the values with all distinct values listed) → weighted
 *       {@code enum} of the top values, renormalised over them (values outside the top list, which
 *       the profile does not name, are not reproduced)
 *   <li>{@code sc:Date} / {@code sc:DateTime} with a temporal range → {@code date} / {@code datetime}
 *       uniform over it (the profile keeps no quantiles of times)
 *   <li>{@code sc:Integer} / {@code sc:Float} → the quantile grid below
 *   <li>e-mail / URL → faker {@code internet.emailAddress} / {@code internet.url}
 *   <li>other text → {@code string} over the observed length range
 * </ol>
 *
 * <p>Numbers: the schema language has no inverse-CDF kind and its parametric shapes (normal,
 * exponential, Zipf) cannot follow an arbitrary profile, so a numeric column becomes a weighted
 * {@code enum} over a grid of {@value #GRID} points of the profile's {@link NumericCdf}: point
 * {@code i} is {@code F⁻¹(i / (GRID − 1))}, which includes min and max exactly. Integers are rounded
 * and floats kept to the decimals the samples show; equal points merge and add their weights. This
 * reproduces the CDF to within {@code 1/GRID}, at the cost of at most {@value #GRID} distinct
 * values. The enum is typed ({@code type: int} or {@code float}), so every format writes numbers.
 *
 * <p>Every field gets {@code nulls = missing / count}.
 */
public final class ProfileToSchema {

  static final int GRID = 1000;
  static final double CATEGORICAL_COVERAGE = 0.95;

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  /** How the twin models a column, which decides the fidelity metric. */
  public enum Shape {
    NUMERIC,
    CATEGORICAL,
    TEMPORAL,
    /** Identifiers, e-mails, URLs, free text: their values are not meant to match, only their form. */
    OTHER
  }

  /** The decision for one column. */
  public record ColumnPlan(String column, String kind, Shape shape, String why) {}

  /** The decisions for one record set; {@code table} is the schema's (sanitised) name. */
  public record TablePlan(String source, String table, long rows, List<ColumnPlan> columns) {
    public TablePlan {
      columns = List.copyOf(columns);
    }
  }

  /** The twin: the schema text, the parsed schema, and why each field got its kind. */
  public record Twin(String schemaText, SynthSchema schema, List<TablePlan> tables) {
    public Twin {
      tables = List.copyOf(tables);
    }
  }

  private ProfileToSchema() {}

  /**
   * @param rows rows per table, or null for each record set's original count
   */
  public static Twin build(TwinProfile profile, Long rows, long seed) {
    ObjectNode root = JSON.createObjectNode();
    root.put("seed", seed);
    ObjectNode tables = root.putObject("tables");
    List<TablePlan> plans = new ArrayList<>();
    Set<String> used = new HashSet<>();
    for (TableProfile t : profile.tables()) {
      String name = unique(sanitise(t.name()), used);
      long n = rows != null ? rows : t.rows();
      ObjectNode table = tables.putObject(name);
      table.put("rows", n);
      ObjectNode fields = table.putObject("fields");
      List<ColumnPlan> columns = new ArrayList<>();
      for (ColumnProfile c : t.columns()) {
        if (c.name() == null || fields.has(c.name())) {
          continue; // a column the writers could not name, or a duplicate header: nothing to twin
        }
        ObjectNode f = fields.putObject(c.name());
        columns.add(field(c, f));
        if (c.nullRate() > 0) {
          f.put("nulls", round(c.nullRate(), 6));
        }
      }
      if (columns.isEmpty()) {
        throw new TwinException("record set " + t.name() + " has no fields to make a twin of");
      }
      plans.add(new TablePlan(t.name(), name, n, columns));
    }
    String text = JSON.writeValueAsString(root);
    SynthSchema schema;
    try {
      schema = SchemaParser.parse(text);
    } catch (IllegalArgumentException e) {
      throw new TwinException("the profile gives a schema that does not validate: " + e.getMessage(), e);
    }
    return new Twin(text + "\n", schema, plans);
  }

  private static ColumnPlan field(ColumnProfile c, ObjectNode f) {
    String type = c.dataType() == null ? "" : c.dataType();
    if (c.present() == 0) {
      f.put("kind", "string");
      f.putNull("constant");
      return new ColumnPlan(c.name(), "constant", Shape.OTHER, "no values, only nulls");
    }
    if (c.distinct() == 1 && c.topValues().size() == 1) {
      f.put("kind", type.equals("sc:Integer") ? "int" : type.equals("sc:Float") ? "float" : "string");
      f.put("constant", c.topValues().get(0).value());
      return new ColumnPlan(c.name(), "constant", Shape.CATEGORICAL, "one distinct value");
    }
    if (c.is("IDENTIFIER")) {
      if (type.equals("sc:Integer") && c.min() != null) {
        f.put("kind", "sequence");
        f.put("start", (long) Math.floor(c.min()));
        return new ColumnPlan(c.name(), "sequence", Shape.OTHER, "integer identifier: sequence from its minimum");
      }
      f.put("kind", "uuid");
      return new ColumnPlan(c.name(), "uuid", Shape.OTHER, "text identifier");
    }
    if (categorical(c)) {
      f.put("kind", "enum");
      ArrayNode values = f.putArray("values");
      ArrayNode weights = f.putArray("weights");
      for (ValueCount v : c.topValues()) {
        values.add(v.value());
        weights.add(v.count());
      }
      return new ColumnPlan(c.name(), "enum", Shape.CATEGORICAL, String.format(Locale.ROOT,
          "categorical: %d top values covering %.1f%%", c.topValues().size(), 100 * c.topCoverage()));
    }
    if ((type.equals("sc:Date") || type.equals("sc:DateTime")) && c.start() != null && c.end() != null) {
      boolean date = type.equals("sc:Date");
      f.put("kind", date ? "date" : "datetime");
      f.put("min", date ? c.start().atOffset(ZoneOffset.UTC).toLocalDate().toString()
          : c.start().atOffset(ZoneOffset.UTC).toLocalDateTime().toString());
      f.put("max", date ? c.end().atOffset(ZoneOffset.UTC).toLocalDate().toString()
          : c.end().atOffset(ZoneOffset.UTC).toLocalDateTime().toString());
      return new ColumnPlan(c.name(), date ? "date" : "datetime", Shape.TEMPORAL, "uniform over the temporal range");
    }
    if (c.numeric()) {
      boolean integer = type.equals("sc:Integer");
      int decimals = integer ? 0 : decimals(c);
      Map<String, Integer> grid = grid(NumericCdf.of(c), decimals);
      f.put("kind", "enum");
      f.put("type", integer ? "int" : "float");
      ArrayNode values = f.putArray("values");
      ArrayNode weights = f.putArray("weights");
      grid.forEach((v, w) -> {
        values.add(v);
        weights.add(w);
      });
      return new ColumnPlan(c.name(), "enum", Shape.NUMERIC, String.format(Locale.ROOT,
          "%s: quantile grid of %d points (%d decimals)", integer ? "integer" : "float", grid.size(), decimals));
    }
    if (c.is("EMAIL")) {
      f.put("kind", "faker");
      f.put("provider", "internet.emailAddress");
      return new ColumnPlan(c.name(), "faker", Shape.OTHER, "e-mail address");
    }
    if (c.is("URL") || type.equals("sc:URL")) {
      f.put("kind", "faker");
      f.put("provider", "internet.url");
      return new ColumnPlan(c.name(), "faker", Shape.OTHER, "URL");
    }
    long min = c.minLength() == null ? 1 : c.minLength();
    long max = c.maxLength() == null ? Math.max(min, 16) : c.maxLength();
    f.put("kind", "string");
    f.put("min_length", (int) Math.min(min, 65_536));
    f.put("max_length", (int) Math.min(Math.max(min, max), 65_536));
    return new ColumnPlan(c.name(), "string", Shape.OTHER, "text of length " + min + ".." + max);
  }

  /**
   * Few enough values to list: the profiler said so, or its top values hold (nearly) all of them. A
   * top-values list covers ≥ 95% only when the column has few distinct values, so this does not
   * catch free text whose values merely repeat.
   */
  static boolean categorical(ColumnProfile c) {
    if (c.topValues().isEmpty()) {
      return false;
    }
    if (c.is("CATEGORICAL") || c.is("BOOLEAN") || "sc:Boolean".equals(c.dataType())) {
      return true;
    }
    return c.distinct() <= c.topValues().size() && c.topCoverage() >= CATEGORICAL_COVERAGE;
  }

  /** {@link #GRID} points of the inverse CDF, rounded, merged when equal, in ascending order. */
  static Map<String, Integer> grid(NumericCdf cdf, int decimals) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < GRID; i++) {
      double x = cdf.inverse((double) i / (GRID - 1));
      String v = BigDecimal.valueOf(x).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
      out.merge(v.equals("-0") ? "0" : v, 1, Integer::sum);
    }
    return out;
  }

  /** Decimals the column's values are written with: the most any sample or top value shows, ≤ 6. */
  static int decimals(ColumnProfile c) {
    int most = -1;
    List<String> seen = new ArrayList<>(c.samples());
    c.topValues().forEach(v -> seen.add(v.value()));
    for (String s : seen) {
      String t = s.trim();
      if (t.contains("e") || t.contains("E")) {
        continue;
      }
      int dot = t.indexOf('.');
      most = Math.max(most, dot < 0 ? 0 : t.length() - dot - 1);
    }
    return most < 0 ? 4 : Math.min(most, 6);
  }

  /** Table names become file names: keep letters, digits, '_' and '-'. */
  static String sanitise(String name) {
    String s = name == null ? "" : name.replaceAll("[^A-Za-z0-9_-]+", "_").replaceAll("^_+|_+$", "");
    return s.isEmpty() ? "table" : s;
  }

  private static String unique(String name, Set<String> used) {
    String n = name;
    for (int i = 2; !used.add(n); i++) {
      n = name + "_" + i;
    }
    return n;
  }

  private static double round(double v, int places) {
    return BigDecimal.valueOf(v).setScale(places, RoundingMode.HALF_EVEN).doubleValue();
  }
}
