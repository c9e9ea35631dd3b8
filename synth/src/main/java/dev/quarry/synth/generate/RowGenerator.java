package dev.quarry.synth.generate;

import com.github.curiousoddman.rgxgen.RgxGen;
import dev.quarry.core.formats.ValueType;
import dev.quarry.synth.schema.Domains;
import dev.quarry.synth.schema.FakerProviders;
import dev.quarry.synth.schema.FieldSpec;
import dev.quarry.synth.schema.FieldSpec.BooleanField;
import dev.quarry.synth.schema.FieldSpec.ConstantField;
import dev.quarry.synth.schema.FieldSpec.DateField;
import dev.quarry.synth.schema.FieldSpec.DateTimeField;
import dev.quarry.synth.schema.FieldSpec.DecimalField;
import dev.quarry.synth.schema.FieldSpec.EnumField;
import dev.quarry.synth.schema.FieldSpec.ExprField;
import dev.quarry.synth.schema.FieldSpec.FakerField;
import dev.quarry.synth.schema.FieldSpec.FloatField;
import dev.quarry.synth.schema.FieldSpec.IntField;
import dev.quarry.synth.schema.FieldSpec.RefField;
import dev.quarry.synth.schema.FieldSpec.RegexField;
import dev.quarry.synth.schema.FieldSpec.SequenceField;
import dev.quarry.synth.schema.FieldSpec.StringField;
import dev.quarry.synth.schema.FieldSpec.TextField;
import dev.quarry.synth.schema.FieldSpec.TextUnit;
import dev.quarry.synth.schema.FieldSpec.TimeField;
import dev.quarry.synth.schema.FieldSpec.UuidField;
import dev.quarry.synth.schema.RegexPatterns;
import dev.quarry.synth.schema.SynthSchema;
import dev.quarry.synth.write.ColumnVector;
import dev.quarry.synth.write.Dictionary;
import dev.quarry.synth.write.RowBlock;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.LongFunction;
import java.util.function.LongUnaryOperator;
import net.datafaker.Faker;
import org.apache.commons.jexl3.JexlContext;
import org.apache.commons.jexl3.JexlException;
import org.apache.commons.jexl3.JexlScript;

/**
 * Computes rows of one table; one instance per thread (it owns random streams and Faker instances,
 * which are not thread-safe). Each value is computed from {@link Mix#rowSeed} of its field key and
 * the row index, so rows may be computed in any order, one at a time ({@link #fill(long, Object[])})
 * or a block at a time ({@link #fill(long, int, RowBlock)}), with the same result.
 *
 * <p>Each field's generator yields the cheapest form of its values (see {@link ColumnVector}): a
 * long for integers, fixed-point decimals, booleans, dates and times, a double for floats, an index
 * into a shared dictionary for enum values and faker pools, else a boxed object. Blocks are filled a
 * column at a time in evaluation order, so a writer can format them without boxing; the one-row path
 * boxes the same values.
 *
 * <p>Faker instances are created once per locale per generator (costly: they load locale data) and
 * driven by a {@link RowRandom} reset to the row's stream before each call.
 */
public final class RowGenerator {

  private final TablePlan plan;
  private final int[] order;
  private final FieldGen[] gens;
  private final long[] keys;
  private final double[] nullRates;
  private final boolean raw;
  private final RowRandom random = new RowRandom();
  private final Map<Locale, FakerHolder> fakers = new HashMap<>();
  /** The boxed inputs of an expression in block mode, by field index. */
  private final Object[] exprScratch;

  /** A generator for every field of {@code plan}'s table. */
  public RowGenerator(TablePlan plan, Function<String, TablePlan> plans) {
    this(plan, plans, null, false);
  }

  /**
   * @param only the fields to compute (with what they read), null for all: ref generators compute
   *     just the parent's key
   * @param raw leave expression results uncoerced (type inference)
   */
  RowGenerator(TablePlan plan, Function<String, TablePlan> plans, boolean[] only, boolean raw) {
    this.plan = plan;
    this.raw = raw;
    this.keys = plan.keys;
    this.nullRates = plan.nullRates;
    this.order = only == null ? plan.order : Arrays.stream(plan.order).filter(i -> only[i]).toArray();
    this.gens = new FieldGen[plan.specs.length];
    this.exprScratch = new Object[plan.specs.length];
    for (int i : order) {
      gens[i] = build(i, plans);
    }
  }

  public int width() {
    return plan.specs.length;
  }

  /** Computes row {@code row} into {@code out} (length {@link #width()}), in column order. */
  public void fill(long row, Object[] out) {
    for (int i : order) {
      long seed = Mix.rowSeed(keys[i], row);
      if (Mix.isNull(seed, nullRates[i])) {
        out[i] = null;
        continue;
      }
      random.reset(seed);
      out[i] = boxed(i, row, out);
    }
  }

  /**
   * Field {@code i}'s value of {@code row} as a boxed object, from the random stream already reset
   * to the row's seed; {@code values} holds the row's earlier values (expressions read them).
   */
  private Object boxed(int i, long row, Object[] values) {
    FieldGen g = gens[i];
    if (g instanceof LongGen lg) {
      return ColumnVector.box(plan.types[i], plan.scales[i], lg.next(row, random));
    } else if (g instanceof DoubleGen dg) {
      return dg.next(row, random);
    } else if (g instanceof DictGen d) {
      return d.dictionary.get(d.ids.next(row, random));
    }
    return ((ObjectGen) g).next(row, random, values);
  }

  /** The row as a new array. */
  public Object[] row(long row) {
    Object[] out = new Object[width()];
    fill(row, out);
    return out;
  }

  /** How each column's values are held in a block of this generator (all fields computed). */
  public List<ColumnVector.Form> forms() {
    ColumnVector.Form[] forms = new ColumnVector.Form[gens.length];
    for (int i = 0; i < gens.length; i++) {
      FieldGen g = gens[i];
      forms[i] = g instanceof LongGen ? ColumnVector.Form.LONG
          : g instanceof DoubleGen ? ColumnVector.Form.DOUBLE
          : g instanceof DictGen ? ColumnVector.Form.DICTIONARY
          : ColumnVector.Form.OBJECT;
    }
    return List.of(forms);
  }

  /** A block of {@code capacity} rows laid out for {@link #fill(long, int, RowBlock)}. */
  public RowBlock newBlock(int capacity) {
    return new RowBlock(plan.outputSchema(), forms(), capacity);
  }

  /**
   * Computes rows {@code [first, first + n)} into {@code block}, a column at a time. A column whose
   * vector has another form than this generator's (a block made elsewhere) gets boxed values.
   *
   * <p>The loops for longs, doubles and ids are alike on purpose: each stores a primitive straight
   * into its vector, which a shared loop could only do through a boxed value or a call per form.
   */
  public void fill(long first, int n, RowBlock block) {
    block.reset(first, n);
    for (int i : order) {
      ColumnVector v = block.column(i);
      FieldGen g = gens[i];
      long key = keys[i];
      double rate = nullRates[i];
      if (g instanceof LongGen lg && v.form() == ColumnVector.Form.LONG) {
        if (rate == 0 && !plan.random[i]) {
          for (int k = 0; k < n; k++) {
            v.setLong(k, lg.next(first + k, random));
          }
          continue;
        }
        for (int k = 0; k < n; k++) {
          long row = first + k;
          long seed = Mix.rowSeed(key, row);
          if (Mix.isNull(seed, rate)) {
            v.setNull(k);
          } else {
            random.reset(seed);
            v.setLong(k, lg.next(row, random));
          }
        }
      } else if (g instanceof DoubleGen dg && v.form() == ColumnVector.Form.DOUBLE) {
        for (int k = 0; k < n; k++) {
          long row = first + k;
          long seed = Mix.rowSeed(key, row);
          if (Mix.isNull(seed, rate)) {
            v.setNull(k);
          } else {
            random.reset(seed);
            v.setDouble(k, dg.next(row, random));
          }
        }
      } else if (g instanceof DictGen d && v.form() == ColumnVector.Form.DICTIONARY) {
        v.dictionary(d.dictionary);
        IdGen ids = d.ids;
        for (int k = 0; k < n; k++) {
          long row = first + k;
          long seed = Mix.rowSeed(key, row);
          if (Mix.isNull(seed, rate)) {
            v.setNull(k);
          } else {
            random.reset(seed);
            v.setId(k, ids.next(row, random));
          }
        }
      } else {
        fillBoxed(i, first, n, block);
      }
    }
  }

  /** One column as boxed values: expressions read their inputs' values of the same row. */
  private void fillBoxed(int i, long first, int n, RowBlock block) {
    ColumnVector v = block.column(i);
    int[] inputs = plan.exprInputs[i] == null ? new int[0] : plan.exprInputs[i];
    for (int k = 0; k < n; k++) {
      long row = first + k;
      long seed = Mix.rowSeed(keys[i], row);
      if (Mix.isNull(seed, nullRates[i])) {
        v.setNull(k);
        continue;
      }
      random.reset(seed);
      for (int in : inputs) {
        exprScratch[in] = block.column(in).get(k);
      }
      v.setObject(k, boxed(i, row, exprScratch));
    }
  }

  /** One field's values, in one of four forms. */
  private sealed interface FieldGen permits LongGen, DoubleGen, DictGen, ObjectGen {}

  /** Values held as longs (see {@link ColumnVector.Form#LONG}). */
  @FunctionalInterface
  private non-sealed interface LongGen extends FieldGen {
    long next(long row, RowRandom r);
  }

  @FunctionalInterface
  private non-sealed interface DoubleGen extends FieldGen {
    double next(long row, RowRandom r);
  }

  @FunctionalInterface
  private interface IdGen {
    int next(long row, RowRandom r);
  }

  /** Indexes into a dictionary of strings. */
  private record DictGen(Dictionary dictionary, IdGen ids) implements FieldGen {}

  /** Boxed values; {@code values} holds the row's values of the fields computed before it. */
  @FunctionalInterface
  private non-sealed interface ObjectGen extends FieldGen {
    Object next(long row, RowRandom r, Object[] values);
  }

  private FieldGen build(int i, Function<String, TablePlan> plans) {
    FieldSpec spec = plan.specs[i];
    boolean unique = spec.options().unique();
    String path = "tables." + plan.table.name() + ".fields." + spec.name();
    Permutation perm = null;
    if (unique) {
      long size = Domains.size(path, spec);
      if (size > 0) {
        perm = new Permutation(size, Mix.mix64(keys[i] ^ 0x5DEECE66DL));
      }
    }
    final Permutation p = perm;
    if (spec instanceof IntField f) {
      if (p != null) {
        long min = f.min();
        return (LongGen) (row, r) -> min + p.apply(row);
      }
      Samplers.LongSampler s = Samplers.longs(f.min(), f.max(), f.distribution(), 1);
      return (LongGen) (row, r) -> s.sample(r);
    }
    if (spec instanceof DecimalField f) {
      int scale = f.scale();
      long lo = Domains.units(f.min(), scale, RoundingMode.CEILING);
      long hi = Domains.units(f.max(), scale, RoundingMode.FLOOR);
      if (p != null) {
        return (LongGen) (row, r) -> lo + p.apply(row);
      }
      Samplers.LongSampler s = Samplers.longs(lo, hi, f.distribution(), Math.pow(10, scale));
      return (LongGen) (row, r) -> s.sample(r);
    }
    if (spec instanceof FloatField f) {
      Samplers.DoubleSampler s = Samplers.doubles(f.min(), f.max(), f.distribution());
      return (DoubleGen) (row, r) -> s.sample(r);
    }
    if (spec instanceof BooleanField f) {
      double prob = f.probability();
      if (p != null) {
        return (LongGen) (row, r) -> p.apply(row) == 1 ? 1 : 0;
      }
      return (LongGen) (row, r) -> r.nextDouble() < prob ? 1 : 0;
    }
    if (spec instanceof StringField f) {
      return strings(f, p);
    }
    if (spec instanceof RegexField f) {
      if (p != null) {
        return slots(RegexPatterns.fixedSlots(f.pattern()), p);
      }
      RgxGen rgx = RegexPatterns.parse(f.pattern(), f.maxRepeat());
      return (ObjectGen) (row, r, v) -> rgx.generate(r);
    }
    if (spec instanceof EnumField f) {
      IdGen pick;
      if (p != null) {
        pick = (row, r) -> (int) p.apply(row);
      } else {
        double[] cumulative = cumulative(f.weights());
        int last = f.values().size() - 1;
        pick = (row, r) -> {
          double u = r.nextDouble();
          int k = Arrays.binarySearch(cumulative, u);
          // Not found: insertion point is the first bound above u; found: u sits on a bound, take the next.
          k = k < 0 ? -k - 1 : k + 1;
          return Math.min(k, last);
        };
      }
      return switch (f.type()) {
        case INTEGER -> {
          long[] values = f.values().stream().mapToLong(Long::parseLong).toArray();
          yield (LongGen) (row, r) -> values[pick.next(row, r)];
        }
        case FLOAT -> {
          double[] values = f.values().stream().mapToDouble(Double::parseDouble).toArray();
          yield (DoubleGen) (row, r) -> values[pick.next(row, r)];
        }
        default -> new DictGen(new Dictionary(f.values().toArray(new String[0])), pick);
      };
    }
    if (spec instanceof DateField f) {
      long min = f.min().toEpochDay();
      long span = f.max().toEpochDay() - min;
      if (f.format() == null) {
        return offsets(d -> min + d, p, span, f.distribution());
      }
      return formatted(offsets(d -> min + d, p, span, f.distribution()), f.format(), LocalDate::ofEpochDay);
    }
    if (spec instanceof TimeField f) {
      int min = f.min().toSecondOfDay();
      long span = f.max().toSecondOfDay() - min;
      LongGen nanos = offsets(s -> (min + s) * 1_000_000_000L, p, span, f.distribution());
      return f.format() == null ? nanos : formatted(nanos, f.format(), LocalTime::ofNanoOfDay);
    }
    if (spec instanceof DateTimeField f) {
      long min = f.min().toEpochSecond(ZoneOffset.UTC);
      long span = f.max().toEpochSecond(ZoneOffset.UTC) - min;
      LongGen seconds = offsets(s -> min + s, p, span, f.distribution());
      return f.format() == null ? seconds
          : formatted(seconds, f.format(), s -> LocalDateTime.ofEpochSecond(s, 0, ZoneOffset.UTC));
    }
    if (spec instanceof UuidField) {
      // 60 bits from a permutation of the row index (unique by construction), 62 random bits,
      // the version and variant bits of a v4 UUID.
      Permutation ids = new Permutation(1L << 60, Mix.mix64(keys[i] ^ 0x2545F4914F6CDD1DL));
      return (ObjectGen) (row, r, v) -> {
        long x = ids.apply(row);
        long hi = ((x >>> 12) << 16) | 0x4000L | (x & 0xFFFL);
        long lo = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(hi, lo).toString();
      };
    }
    if (spec instanceof SequenceField f) {
      long start = f.start();
      long step = f.step();
      return (LongGen) (row, r) -> start + row * step;
    }
    if (spec instanceof FakerField f) {
      return faker(f, unique, keys[i]);
    }
    if (spec instanceof TextField f) {
      FakerHolder h = fakers.computeIfAbsent(f.locale(), FakerHolder::new);
      int min = f.min();
      int span = f.max() - f.min() + 1;
      boolean sentences = f.unit() == TextUnit.SENTENCES;
      return (ObjectGen) (row, r, v) -> {
        int count = min + r.nextInt(span);
        h.random.reset(r.nextLong());
        List<String> parts = sentences ? h.faker.lorem().sentences(count) : h.faker.lorem().words(count);
        String text = String.join(" ", parts);
        return unique ? text + " " + Long.toString(row, 36) : text;
      };
    }
    if (spec instanceof ExprField) {
      return expression(i);
    }
    if (spec instanceof RefField f) {
      return ref(f, plans);
    }
    if (spec instanceof ConstantField f) {
      Object value = f.value();
      return (ObjectGen) (row, r, v) -> value;
    }
    throw new IllegalStateException("no generator for " + spec.kind());
  }

  /** An offset in {@code [0, span]} (a permuted row when unique) turned into a value by {@code at}. */
  private static LongGen offsets(LongUnaryOperator at, Permutation p, long span, dev.quarry.synth.schema.Distribution d) {
    if (p != null) {
      return (row, r) -> at.applyAsLong(p.apply(row));
    }
    Samplers.LongSampler s = Samplers.longs(0, span, d, 1);
    return (row, r) -> at.applyAsLong(s.sample(r));
  }

  /** Dates and times with a user's pattern are strings. */
  private static ObjectGen formatted(LongGen value, String pattern, LongFunction<TemporalAccessor> at) {
    DateTimeFormatter fmt = DateTimeFormatter.ofPattern(pattern, Locale.ROOT);
    return (row, r, v) -> fmt.format(at.apply(value.next(row, r)));
  }

  private static double[] cumulative(List<Double> weights) {
    double total = weights.stream().mapToDouble(Double::doubleValue).sum();
    double[] c = new double[weights.size()];
    double acc = 0;
    for (int k = 0; k < c.length; k++) {
      acc += weights.get(k);
      c[k] = acc / total;
    }
    c[c.length - 1] = 1.0;
    return c;
  }

  /**
   * Unique strings: index i of the domain is the i-th string in length-then-base-k order; rows map
   * to indexes through the permutation. Random strings: a length, then each character.
   */
  private static ObjectGen strings(StringField f, Permutation p) {
    char[] alphabet = f.alphabet().toCharArray();
    int k = alphabet.length;
    int min = f.minLength();
    int span = f.maxLength() - f.minLength() + 1;
    if (p != null) {
      return (row, r, v) -> {
        long idx = p.apply(row);
        int len = min;
        long count = pow(k, len);
        while (idx >= count) {
          idx -= count;
          len++;
          count = pow(k, len);
        }
        char[] out = new char[len];
        for (int c = len - 1; c >= 0; c--) {
          out[c] = alphabet[(int) (idx % k)];
          idx /= k;
        }
        return new String(out);
      };
    }
    return (row, r, v) -> {
      char[] out = new char[min + r.nextInt(span)];
      for (int c = 0; c < out.length; c++) {
        out[c] = alphabet[r.nextInt(k)];
      }
      return new String(out);
    };
  }

  private static long pow(long base, int exp) {
    long result = 1;
    for (int e = 0; e < exp; e++) {
      if (result > Domains.CAP / base) {
        return Long.MAX_VALUE;
      }
      result *= base;
    }
    return result;
  }

  /** Unique regex values: the permuted index written in the mixed radix of the pattern's slots. */
  private static ObjectGen slots(List<Object> slots, Permutation p) {
    Object[] s = slots.toArray();
    return (row, r, v) -> {
      long idx = p.apply(row);
      String[] parts = new String[s.length];
      for (int k = s.length - 1; k >= 0; k--) {
        if (s[k] instanceof char[] chars) {
          parts[k] = String.valueOf(chars[(int) (idx % chars.length)]);
          idx /= chars.length;
        } else {
          parts[k] = (String) s[k];
        }
      }
      return String.join("", parts);
    };
  }

  /**
   * Faker values. Unique ones get the row index in base 36 appended after a separator that base 36
   * never contains ('.' before an e-mail's '@', else '-'): the part after the last separator names
   * the row, so two rows can never produce the same value, whatever Faker returned.
   */
  private FieldGen faker(FakerField f, boolean unique, long fieldKey) {
    FakerHolder h = fakers.computeIfAbsent(f.locale(), FakerHolder::new);
    ObjectGen base = fakerCall(f, h);
    if (f.pool() > 0) {
      Dictionary pool = FakerPools.get(f, fieldKey, () -> {
        // A Faker of its own: the pool is the same whichever generator builds it first.
        FakerHolder ph = new FakerHolder(f.locale());
        ObjectGen call = fakerCall(f, ph);
        String[] values = new String[f.pool()];
        RowRandom seeds = new RowRandom();
        for (int k = 0; k < values.length; k++) {
          long seed = Mix.rowSeed(fieldKey ^ 0x5DEECE66DL, k);
          seeds.reset(seed);
          ph.random.reset(seeds.nextLong());
          values[k] = (String) call.next(k, seeds, null);
        }
        return new Dictionary(values);
      });
      int size = pool.size();
      IdGen pick = (row, r) -> r.nextInt(size);
      if (!unique) {
        return new DictGen(pool, pick);
      }
      return (ObjectGen) (row, r, v) -> uniqueSuffix(pool.get(pick.next(row, r)), row);
    }
    ObjectGen call = (row, r, v) -> {
      h.random.reset(r.nextLong());
      return base.next(row, r, v);
    };
    return unique ? (ObjectGen) (row, r, v) -> uniqueSuffix((String) call.next(row, r, v), row) : call;
  }

  private static String uniqueSuffix(String s, long row) {
    String suffix = Long.toString(row, 36);
    int at = s.lastIndexOf('@');
    return at > 0 ? s.substring(0, at) + '.' + suffix + s.substring(at) : s + '-' + suffix;
  }

  /** One provider call on {@code h}'s Faker (whose random the caller has reset). */
  private static ObjectGen fakerCall(FakerField f, FakerHolder h) {
    ObjectGen base;
    if (f.provider().contains("#{")) {
      String expression = f.provider();
      base = (row, r, v) -> h.faker.expression(expression);
    } else {
      FakerProviders.Resolved m = FakerProviders.resolve(f.name(), f.provider());
      Object provider = invoke(m.group(), h.faker);
      Method value = m.value();
      base = (row, r, v) -> String.valueOf(invoke(value, provider));
    }
    return base;
  }

  private static Object invoke(Method m, Object target) {
    try {
      return m.invoke(target);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("faker provider " + m.getName() + " failed: " + e.getCause(), e.getCause());
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("faker provider " + m.getName() + " is not accessible", e);
    }
  }

  private ObjectGen expression(int i) {
    JexlScript script = plan.scripts[i];
    int[] inputs = plan.exprInputs[i];
    String name = plan.names[i];
    RowContext context = new RowContext(plan.index);
    return (row, r, values) -> {
      // SQL-like: an expression over a null input is null, rather than JEXL's null-as-error.
      for (int in : inputs) {
        if (values[in] == null) {
          return null;
        }
      }
      context.values = values;
      Object result;
      try {
        result = script.execute(context);
      } catch (JexlException e) {
        throw new GenerationException(
            "tables." + plan.table.name() + ".fields." + name + ": expr failed at row " + row + ": "
                + e.getMessage().replaceAll("\\s+", " "), e);
      }
      return raw ? result : coerce(result, plan.types[i], plan.scales[i], name);
    };
  }

  private static Object coerce(Object v, ValueType type, int scale, String name) {
    if (v == null) {
      return null;
    }
    switch (type) {
      case STRING:
        return v.toString();
      case INTEGER:
        if (v instanceof Long) {
          return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
          return ((Number) v).longValue();
        }
        if (v instanceof BigDecimal b) {
          return b.setScale(0, RoundingMode.HALF_EVEN).longValue();
        }
        if (v instanceof Number n) {
          return Math.round(n.doubleValue());
        }
        break;
      case FLOAT:
        if (v instanceof Double) {
          return v;
        }
        if (v instanceof Number n) {
          return n.doubleValue();
        }
        break;
      case DECIMAL:
        if (v instanceof BigDecimal b) {
          return b.setScale(scale, RoundingMode.HALF_EVEN);
        }
        if (v instanceof BigInteger b) {
          return new BigDecimal(b).setScale(scale);
        }
        if (v instanceof Long || v instanceof Integer) {
          return BigDecimal.valueOf(((Number) v).longValue()).setScale(scale);
        }
        if (v instanceof Number n) {
          return BigDecimal.valueOf(n.doubleValue()).setScale(scale, RoundingMode.HALF_EVEN);
        }
        break;
      case BOOLEAN:
        if (v instanceof Boolean) {
          return v;
        }
        break;
      default:
        if (v instanceof LocalDate || v instanceof LocalTime || v instanceof LocalDateTime) {
          return v;
        }
    }
    throw new GenerationException(
        "field " + name + ": expr produced " + v.getClass().getSimpleName() + " '" + v + "', not " + type);
  }

  /**
   * A foreign key: draw a parent row index, then compute the parent's key at that row with a
   * generator of the parent table restricted to that field and what it reads. Zipf ranks go
   * through a permutation of the parent rows so the most frequent parents are spread out.
   */
  private ObjectGen ref(RefField f, Function<String, TablePlan> plans) {
    TablePlan parent = plans.apply(f.table());
    long parentRows = parent.table.rows();
    if (parentRows == 0) {
      return (row, r, v) -> null;
    }
    int target = parent.index.get(f.field());
    boolean[] only = new boolean[parent.specs.length];
    only[target] = true;
    for (String dep : SynthSchema.dependencies(parent.table, f.field())) {
      only[parent.index.get(dep)] = true;
    }
    RowGenerator parentRow = new RowGenerator(parent, plans, only, false);
    Object[] scratch = new Object[parent.specs.length];
    Samplers.LongSampler pick = Samplers.longs(0, parentRows - 1, f.distribution(), 1);
    Permutation spread =
        f.distribution() instanceof dev.quarry.synth.schema.Distribution.Zipf
            ? new Permutation(parentRows, Mix.mix64(plan.keys[plan.index.get(f.name())]))
            : null;
    return (row, r, v) -> {
      long parentIndex = pick.sample(r);
      if (spread != null) {
        parentIndex = spread.apply(parentIndex);
      }
      parentRow.fill(parentIndex, scratch);
      return scratch[target];
    };
  }

  /** One Faker per locale, with the RowRandom that drives it. */
  private static final class FakerHolder {
    final RowRandom random = new RowRandom();
    final Faker faker;

    FakerHolder(Locale locale) {
      faker = new Faker(locale, random);
    }
  }

  /** The row's values as JEXL variables, without copying them into a map per row. */
  private static final class RowContext implements JexlContext {
    private final Map<String, Integer> index;
    Object[] values;

    RowContext(Map<String, Integer> index) {
      this.index = index;
    }

    @Override
    public Object get(String name) {
      Integer i = index.get(name);
      return i == null ? null : values[i];
    }

    @Override
    public void set(String name, Object value) {
      throw new UnsupportedOperationException("expressions cannot assign");
    }

    @Override
    public boolean has(String name) {
      return index.containsKey(name);
    }
  }
}
