package dev.quarry.synth.generate;

import dev.quarry.core.formats.ValueType;
import dev.quarry.synth.schema.Expressions;
import dev.quarry.synth.schema.FieldSpec;
import dev.quarry.synth.schema.FieldSpec.ConstantField;
import dev.quarry.synth.schema.FieldSpec.DateField;
import dev.quarry.synth.schema.FieldSpec.DateTimeField;
import dev.quarry.synth.schema.FieldSpec.ExprField;
import dev.quarry.synth.schema.FieldSpec.RefField;
import dev.quarry.synth.schema.FieldSpec.TimeField;
import dev.quarry.synth.schema.SynthSchema;
import dev.quarry.synth.schema.TableSpec;
import dev.quarry.synth.write.OutputColumn;
import dev.quarry.synth.write.OutputSchema;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.commons.jexl3.JexlScript;

/**
 * What is fixed about generating one table, computed once and shared by every thread: field keys,
 * evaluation order, compiled expressions, column types. {@link RowGenerator}s hold the per-thread
 * state (random streams, Faker instances).
 *
 * <p>The type of an {@code expr} field without a declared type is inferred from its values on rows
 * 0..{@value #INFERENCE_ROWS}-1, which every shard computes identically: Long → INTEGER, Double →
 * FLOAT, BigDecimal → DECIMAL (scale: the largest seen), Boolean, java.time values, else STRING.
 */
public final class TablePlan {

  static final int INFERENCE_ROWS = 64;

  final SynthSchema schema;
  final TableSpec table;
  final String[] names;
  final FieldSpec[] specs;
  final long[] keys;
  final double[] nullRates;
  final int[] order;
  final Map<String, Integer> index = new HashMap<>();
  final JexlScript[] scripts;
  final int[][] exprInputs;
  final ValueType[] types;
  final int[] scales;
  /** Whether a field's values draw from its random stream (a sequence or a constant does not). */
  final boolean[] random;
  private final OutputSchema output;

  private TablePlan(SynthSchema schema, String tableName, Function<String, TablePlan> plans) {
    this.schema = schema;
    this.table = schema.table(tableName);
    int n = table.fields().size();
    names = table.fields().keySet().toArray(new String[0]);
    specs = table.fields().values().toArray(new FieldSpec[0]);
    keys = new long[n];
    nullRates = new double[n];
    scripts = new JexlScript[n];
    exprInputs = new int[n][];
    types = new ValueType[n];
    scales = new int[n];
    random = new boolean[n];
    for (int i = 0; i < n; i++) {
      index.put(names[i], i);
      keys[i] = Mix.fieldKey(schema.seed(), table.name(), names[i]);
      nullRates[i] = specs[i].options().nulls();
      random[i] = !(specs[i] instanceof FieldSpec.SequenceField || specs[i] instanceof ConstantField);
    }
    List<String> evaluation = SynthSchema.exprOrder(table);
    order = evaluation.stream().mapToInt(index::get).toArray();
    for (int i = 0; i < n; i++) {
      if (specs[i] instanceof ExprField e) {
        String path = "tables." + table.name() + ".fields." + names[i] + ".expr";
        scripts[i] = Expressions.compile(path, e.expr());
        exprInputs[i] = Expressions.variables(scripts[i]).stream().mapToInt(index::get).toArray();
      }
      types[i] = staticType(specs[i], plans);
      scales[i] = specs[i] instanceof FieldSpec.DecimalField d ? d.scale() : 0;
      if (specs[i] instanceof RefField r) {
        FieldSpec target = schema.table(r.table()).field(r.field());
        if (target instanceof FieldSpec.DecimalField d) {
          scales[i] = d.scale();
        } else if (target instanceof ExprField) {
          TablePlan parent = plans.apply(r.table());
          scales[i] = parent.scales[parent.index.get(r.field())];
        }
      }
    }
    inferExprTypes(plans);
    List<OutputColumn> columns = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      columns.add(new OutputColumn(names[i], types[i], types[i] == ValueType.DECIMAL ? scales[i] : 0, nullable(i)));
    }
    output = new OutputSchema(table.name(), columns);
  }

  /** Builds the plan of {@code table}; {@code plans} gives the plans of referenced tables. */
  public static TablePlan of(SynthSchema schema, String table, Function<String, TablePlan> plans) {
    return new TablePlan(schema, table, plans);
  }

  public OutputSchema outputSchema() {
    return output;
  }

  public TableSpec table() {
    return table;
  }

  private boolean nullable(int i) {
    if (nullRates[i] > 0) {
      return true;
    }
    if (exprInputs[i] != null) {
      for (int in : exprInputs[i]) {
        if (nullable(in)) {
          return true;
        }
      }
    }
    return false;
  }

  private ValueType staticType(FieldSpec f, Function<String, TablePlan> plans) {
    if (f instanceof FieldSpec.IntField || f instanceof FieldSpec.SequenceField) {
      return ValueType.INTEGER;
    } else if (f instanceof FieldSpec.DecimalField) {
      return ValueType.DECIMAL;
    } else if (f instanceof FieldSpec.FloatField) {
      return ValueType.FLOAT;
    } else if (f instanceof FieldSpec.BooleanField) {
      return ValueType.BOOLEAN;
    } else if (f instanceof DateField d) {
      return d.format() == null ? ValueType.DATE : ValueType.STRING;
    } else if (f instanceof TimeField d) {
      return d.format() == null ? ValueType.TIME : ValueType.STRING;
    } else if (f instanceof DateTimeField d) {
      return d.format() == null ? ValueType.DATETIME : ValueType.STRING;
    } else if (f instanceof FieldSpec.EnumField e) {
      return e.type();
    } else if (f instanceof ConstantField c) {
      return c.type();
    } else if (f instanceof RefField r) {
      // Only an expr target needs the parent's plan (its type may be inferred); plain targets are
      // typed by their spec, so tables that refer to each other do not need each other's plans.
      FieldSpec target = schema.table(r.table()).field(r.field());
      if (!(target instanceof ExprField)) {
        return staticType(target, plans);
      }
      TablePlan parent = plans.apply(r.table());
      return parent.types[parent.index.get(r.field())];
    } else if (f instanceof ExprField e) {
      return e.type(); // null until inferred
    }
    return ValueType.STRING;
  }

  private void inferExprTypes(Function<String, TablePlan> plans) {
    boolean pending = false;
    for (int i = 0; i < types.length; i++) {
      if (specs[i] instanceof ExprField e) {
        pending |= e.type() == null || (e.type() == ValueType.DECIMAL && e.scale() < 0);
        if (e.scale() >= 0) {
          scales[i] = e.scale();
        }
      }
    }
    if (!pending) {
      return;
    }
    // Raw expression results (no coercion yet, since types[] is incomplete) over the first rows.
    boolean[] only = new boolean[names.length];
    for (int i = 0; i < names.length; i++) {
      if (specs[i] instanceof ExprField) {
        only[i] = true;
        for (String dep : SynthSchema.dependencies(table, names[i])) {
          only[index.get(dep)] = true;
        }
      }
    }
    RowGenerator sampler = new RowGenerator(this, plans, only, true);
    Object[] row = new Object[names.length];
    Object[] seen = new Object[names.length];
    int[] maxScale = new int[names.length];
    for (long r = 0; r < INFERENCE_ROWS; r++) {
      sampler.fill(r, row);
      for (int i = 0; i < row.length; i++) {
        if (specs[i] instanceof ExprField && row[i] != null) {
          if (seen[i] == null) {
            seen[i] = row[i];
          }
          if (row[i] instanceof BigDecimal b) {
            maxScale[i] = Math.max(maxScale[i], Math.max(0, b.scale()));
          }
        }
      }
    }
    for (int i = 0; i < types.length; i++) {
      if (specs[i] instanceof ExprField e) {
        if (e.type() == null) {
          types[i] = typeOf(seen[i]);
        }
        if (types[i] == ValueType.DECIMAL && e.scale() < 0) {
          scales[i] = Math.min(18, maxScale[i]);
        }
      }
    }
  }

  private static ValueType typeOf(Object v) {
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte
        || v instanceof java.math.BigInteger) {
      return ValueType.INTEGER;
    } else if (v instanceof Double || v instanceof Float) {
      return ValueType.FLOAT;
    } else if (v instanceof BigDecimal) {
      return ValueType.DECIMAL;
    } else if (v instanceof Boolean) {
      return ValueType.BOOLEAN;
    } else if (v instanceof java.time.LocalDate) {
      return ValueType.DATE;
    } else if (v instanceof java.time.LocalTime) {
      return ValueType.TIME;
    } else if (v instanceof java.time.LocalDateTime) {
      return ValueType.DATETIME;
    }
    return ValueType.STRING;
  }
}
