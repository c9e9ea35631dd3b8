package dev.quarry.synth.schema;

import dev.quarry.synth.schema.FieldSpec.ExprField;
import dev.quarry.synth.schema.FieldSpec.RefField;
import dev.quarry.synth.schema.FieldSpec.SequenceField;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A parsed schema: the seed and the tables in declaration order. Serializable, so engine tasks carry
 * it to workers. Build it with {@link SchemaParser}; after overriding rows or seed, call {@link
 * #validate} again (uniqueness domains and foreign keys depend on row counts).
 */
public record SynthSchema(long seed, Map<String, TableSpec> tables) implements Serializable {

  public SynthSchema {
    tables = Collections.unmodifiableMap(new LinkedHashMap<>(tables));
  }

  /** The table called {@code name}; {@link IllegalArgumentException} naming the known ones if none. */
  public TableSpec table(String name) {
    TableSpec t = tables.get(name);
    if (t == null) {
      throw new SchemaException("tables", "no table '" + name + "' (tables: " + String.join(", ", tables.keySet()) + ")");
    }
    return t;
  }

  public SynthSchema withSeed(long newSeed) {
    return new SynthSchema(newSeed, tables);
  }

  /** The same schema with {@code table}'s row count replaced. */
  public SynthSchema withRows(String table, long rows) {
    Map<String, TableSpec> copy = new LinkedHashMap<>(tables);
    copy.put(table, table(table).withRows(rows));
    return new SynthSchema(seed, copy);
  }

  /**
   * Checks the rules that span fields and tables: row limits, expression variables and cycles,
   * foreign key targets, uniqueness domains, sequence overflow.
   *
   * @throws SchemaException naming the field at fault
   */
  public void validate(SchemaLimits limits) {
    for (TableSpec t : tables.values()) {
      String tpath = "tables." + t.name();
      if (t.rows() < 0) {
        throw new SchemaException(tpath + ".rows", "rows (" + t.rows() + ") is negative");
      }
      if (t.rows() > limits.maxRowsPerTable()) {
        throw new SchemaException(
            tpath + ".rows",
            "rows (" + t.rows() + ") is above the limit of " + limits.maxRowsPerTable() + " per table");
      }
      for (FieldSpec f : t.fields().values()) {
        String path = tpath + ".fields." + f.name();
        if (f instanceof ExprField e) {
          for (String v : Expressions.variables(Expressions.compile(path + ".expr", e.expr()))) {
            if (!t.fields().containsKey(v)) {
              throw new SchemaException(path + ".expr", "expr reads '" + v + "', which is not a field of " + t.name());
            }
          }
        } else if (f instanceof RefField r) {
          checkRef(t, r, path);
        } else if (f instanceof SequenceField s && t.rows() > 0) {
          try {
            Math.addExact(s.start(), Math.multiplyExact(t.rows() - 1, s.step()));
          } catch (ArithmeticException ex) {
            throw new SchemaException(path, "sequence overflows a 64-bit integer within " + t.rows() + " rows");
          }
        }
        if (f.options().unique()) {
          long size = Domains.size(path, f);
          if (size >= 0 && size < t.rows()) {
            throw new SchemaException(
                path, "unique: only " + size + " distinct values are possible for " + t.rows() + " rows");
          }
          if (size >= 0 && !uniformOrAbsent(f)) {
            throw new SchemaException(path, "unique values are a permutation of the range: use the uniform distribution");
          }
        }
      }
      exprOrder(t);
    }
  }

  private static boolean uniformOrAbsent(FieldSpec f) {
    Distribution d =
        f instanceof FieldSpec.IntField i ? i.distribution()
            : f instanceof FieldSpec.DecimalField x ? x.distribution()
            : f instanceof FieldSpec.DateField x ? x.distribution()
            : f instanceof FieldSpec.TimeField x ? x.distribution()
            : f instanceof FieldSpec.DateTimeField x ? x.distribution()
            : Distribution.UNIFORM;
    return d instanceof Distribution.Uniform;
  }

  private void checkRef(TableSpec t, RefField r, String path) {
    TableSpec parent = tables.get(r.table());
    if (parent == null) {
      throw new SchemaException(path + ".table", "ref table '" + r.table() + "' does not exist");
    }
    FieldSpec target = parent.fields().get(r.field());
    if (target == null) {
      throw new SchemaException(path + ".field", "ref field '" + r.table() + "." + r.field() + "' does not exist");
    }
    String what = "ref target " + r.table() + "." + r.field();
    if (target instanceof RefField) {
      throw new SchemaException(path, what + " is itself a ref; point at the key it refers to");
    }
    if (target.options().nulls() > 0) {
      throw new SchemaException(path, what + " has nulls; a key must not be null");
    }
    if (target instanceof ExprField) {
      for (String dep : dependencies(parent, r.field())) {
        if (parent.fields().get(dep) instanceof RefField) {
          throw new SchemaException(path, what + " is an expr that depends on ref " + r.table() + "." + dep);
        }
        if (parent.fields().get(dep).options().nulls() > 0) {
          throw new SchemaException(path, what + " is an expr that depends on " + r.table() + "." + dep + ", which has nulls");
        }
      }
    }
    if (t.rows() > 0 && parent.rows() == 0) {
      throw new SchemaException(path, what + ": table " + r.table() + " has no rows to refer to");
    }
  }

  /** Fields that {@code field} needs computed first (transitively through exprs), in no order. */
  public static Set<String> dependencies(TableSpec table, String field) {
    Set<String> out = new LinkedHashSet<>();
    List<String> todo = new ArrayList<>(List.of(field));
    while (!todo.isEmpty()) {
      FieldSpec f = table.fields().get(todo.remove(todo.size() - 1));
      if (f instanceof ExprField e) {
        for (String v : Expressions.variables(Expressions.compile(f.name(), e.expr()))) {
          if (out.add(v)) {
            todo.add(v);
          }
        }
      }
    }
    return out;
  }

  /**
   * The order in which a table's fields are computed: every non-expr field in declaration order,
   * then exprs after the fields they read.
   *
   * @throws SchemaException on a cycle between expressions, naming it
   */
  public static List<String> exprOrder(TableSpec t) {
    List<String> order = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>(); // 1 = in progress, 2 = done
    for (FieldSpec f : t.fields().values()) {
      if (!(f instanceof ExprField)) {
        order.add(f.name());
        state.put(f.name(), 2);
      }
    }
    for (FieldSpec f : t.fields().values()) {
      visit(t, f.name(), state, order, new ArrayList<>());
    }
    return order;
  }

  private static void visit(TableSpec t, String name, Map<String, Integer> state, List<String> order, List<String> stack) {
    Integer s = state.get(name);
    if (s != null && s == 2) {
      return;
    }
    stack.add(name);
    if (s != null) {
      List<String> cycle = stack.subList(stack.indexOf(name), stack.size());
      throw new SchemaException(
          "tables." + t.name() + ".fields." + name + ".expr",
          "expressions form a cycle: " + String.join(" -> ", cycle));
    }
    state.put(name, 1);
    ExprField e = (ExprField) t.fields().get(name);
    for (String v : Expressions.variables(Expressions.compile(name, e.expr()))) {
      if (t.fields().containsKey(v)) {
        visit(t, v, state, order, stack);
      }
    }
    stack.remove(stack.size() - 1);
    state.put(name, 2);
    order.add(name);
  }
}
