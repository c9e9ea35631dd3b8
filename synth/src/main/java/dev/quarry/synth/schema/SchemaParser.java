package dev.quarry.synth.schema;

import dev.quarry.core.formats.ValueType;
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
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads a schema from JSON or YAML into a validated {@link SynthSchema}.
 *
 * <pre>
 * seed: 42                       # optional, default 0
 * tables:
 *   NAME:
 *     rows: N
 *     fields:
 *       FIELD: {kind: KIND, ...settings, nulls: 0.1, unique: true, constant: VALUE}
 * </pre>
 *
 * Kinds and settings (defaults in brackets):
 *
 * <ul>
 *   <li>{@code int|integer|long}: min [0], max [1000000], distribution (below)
 *   <li>{@code decimal}: min [0], max [1000], scale [2], distribution
 *   <li>{@code float|double}: min [0], max [1], distribution
 *   <li>distribution: {@code uniform} (default) | {@code normal} (mean [mid-range], stddev [range/6])
 *       | {@code exponential} (rate, or mean (of the values, above min) [min + range/5]) | {@code
 *       zipf} (exponent [1], over the integers of the range, rank 1 = min). Out-of-range draws are
 *       redrawn up to 32 times from the row's stream, then clamped.
 *   <li>{@code boolean|bool}: probability [0.5] of true
 *   <li>{@code string}: min_length [1], max_length [16] (or length), chars [alnum]: alpha, alnum,
 *       numeric, hex, lower, upper, ascii (printable), or any other text as the set of characters
 *   <li>{@code regex}: pattern; unbounded quantifiers repeat at most {@link SchemaLimits#maxRegexRepeat()}
 *   <li>{@code enum}: values as a list (equal weights, or with a {@code weights} list) or as a map
 *       value → weight
 *   <li>{@code date|time|datetime}: min, max (ISO-8601) [2000-01-01 .. 2030-12-31, whole day for
 *       time], format (a {@link DateTimeFormatter} pattern). Without format the column is typed
 *       DATE/TIME/DATETIME and each writer renders it natively (ISO text in text formats, typed in
 *       Parquet and SQL); with format the values are pre-formatted and the column is STRING, since
 *       the writers' contract has no per-column format.
 *   <li>{@code uuid}; {@code sequence}: start [1], step [1]
 *   <li>{@code faker}: provider ({@code group.method}, or a Datafaker expression with {@code #{..}}),
 *       locale [en]
 *   <li>{@code text}: words or sentences, each a count, a {@code [min, max]} list or {@code {min,
 *       max}} [words 5..12], locale [en]
 *   <li>{@code expr}: expr (JEXL over the row's other fields, see {@link Expressions}), type
 *       [inferred from the first rows], scale (for decimal)
 *   <li>{@code ref}: table, field, distribution over the parent's row indexes [uniform]
 *   <li>{@code constant}: the {@code constant} setting alone (or with a kind to type it)
 * </ul>
 *
 * Unknown settings are rejected, so typos do not silently fall back to defaults.
 */
public final class SchemaParser {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private static final Set<String> COMMON = Set.of("kind", "nulls", "unique", "constant");
  private static final Set<String> DISTRIBUTION =
      Set.of("distribution", "mean", "stddev", "rate", "exponent");

  private static final Map<String, String> CHAR_CLASSES =
      Map.of(
          "alpha", range('a', 'z') + range('A', 'Z'),
          "alnum", range('a', 'z') + range('A', 'Z') + range('0', '9'),
          "numeric", range('0', '9'),
          "digits", range('0', '9'),
          "hex", range('0', '9') + range('a', 'f'),
          "lower", range('a', 'z'),
          "upper", range('A', 'Z'),
          "ascii", range(' ', '~'));

  private final SchemaLimits limits;

  private SchemaParser(SchemaLimits limits) {
    this.limits = limits;
  }

  /** Parses and validates with {@link SchemaLimits#DEFAULT}. */
  public static SynthSchema parse(String text) {
    return parse(text, SchemaLimits.DEFAULT);
  }

  /** Parses JSON (text starting with '{') or YAML, then validates against {@code limits}. */
  public static SynthSchema parse(String text, SchemaLimits limits) {
    if (text == null || text.isBlank()) {
      throw new SchemaException("", "the schema is empty");
    }
    JsonNode root;
    try {
      root = text.stripLeading().startsWith("{") ? JSON.readTree(text) : YAML.readTree(text);
    } catch (JacksonException e) {
      throw new SchemaException("", "the schema is not valid JSON or YAML: " + e.getOriginalMessage(), e);
    }
    return parse(root, limits);
  }

  /** Parses an already read tree (a REST body) and validates it against {@code limits}. */
  public static SynthSchema parse(JsonNode root, SchemaLimits limits) {
    SynthSchema schema = new SchemaParser(limits).schema(root);
    schema.validate(limits);
    return schema;
  }

  private SynthSchema schema(JsonNode root) {
    Obj top = Obj.of("", root);
    top.allow(Set.of("seed", "tables"));
    long seed = top.has("seed") ? top.integer("seed") : 0;
    Obj tables = top.object("tables");
    if (tables.names().isEmpty()) {
      throw new SchemaException("tables", "no tables are defined");
    }
    Map<String, TableSpec> specs = new LinkedHashMap<>();
    for (String name : tables.names()) {
      specs.put(name, table(name, tables.object(name)));
    }
    top.finish();
    return new SynthSchema(seed, specs);
  }

  private TableSpec table(String name, Obj t) {
    t.allow(Set.of("rows", "fields"));
    long rows = t.integer("rows");
    if (rows < 0) {
      throw new SchemaException(t.path("rows"), "rows (" + rows + ") is negative");
    }
    Obj fields = t.object("fields");
    if (fields.names().isEmpty()) {
      throw new SchemaException(fields.path, "no fields are defined");
    }
    Map<String, FieldSpec> specs = new LinkedHashMap<>();
    for (String field : fields.names()) {
      specs.put(field, field(field, fields.object(field)));
    }
    t.finish();
    return new TableSpec(name, rows, specs);
  }

  private FieldSpec field(String name, Obj f) {
    f.allow(COMMON);
    String kind = f.has("kind") ? f.string("kind").toLowerCase(Locale.ROOT) : null;
    double nulls = f.has("nulls") ? f.number("nulls") : 0;
    if (!(nulls >= 0 && nulls <= 1)) {
      throw new SchemaException(f.path("nulls"), "nulls (" + nulls + ") is not between 0 and 1");
    }
    FieldOptions opts = new FieldOptions(nulls, f.has("unique") && f.bool("unique"));
    if (f.has("constant") || "constant".equals(kind)) {
      return constant(name, kind, opts, f);
    }
    if (kind == null) {
      throw new SchemaException(f.path, "kind is missing");
    }
    FieldSpec spec =
        switch (kind) {
          case "int", "integer", "long" -> {
            f.allow(DISTRIBUTION, "min", "max");
            long min = f.has("min") ? f.integer("min") : 0;
            long max = f.has("max") ? f.integer("max") : 1_000_000;
            order(f, min, max, Long.toString(min), Long.toString(max));
            yield new IntField(name, opts, min, max, distribution(f, min, max, true));
          }
          case "decimal" -> {
            f.allow(DISTRIBUTION, "min", "max", "scale");
            int scale = f.has("scale") ? (int) f.integer("scale") : 2;
            if (scale < 0 || scale > 18) {
              throw new SchemaException(f.path("scale"), "scale (" + scale + ") is not between 0 and 18");
            }
            BigDecimal min = f.has("min") ? f.decimal("min") : BigDecimal.ZERO;
            BigDecimal max = f.has("max") ? f.decimal("max") : BigDecimal.valueOf(1000);
            order(f, min.compareTo(max) > 0, min.toPlainString(), max.toPlainString());
            // The generator works in units of 10^-scale held in a long: the range must fit.
            BigDecimal span = max.subtract(min).movePointRight(scale);
            if (span.compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 4)) > 0
                || min.abs().max(max.abs()).movePointRight(scale).compareTo(BigDecimal.valueOf(Long.MAX_VALUE / 4)) > 0) {
              throw new SchemaException(f.path, "range with scale " + scale + " is too large");
            }
            yield new DecimalField(
                name, opts, min, max, scale, distribution(f, min.doubleValue(), max.doubleValue(), true));
          }
          case "float", "double" -> {
            f.allow(DISTRIBUTION, "min", "max");
            double min = f.has("min") ? f.number("min") : 0;
            double max = f.has("max") ? f.number("max") : 1;
            if (!Double.isFinite(min) || !Double.isFinite(max)) {
              throw new SchemaException(f.path, "min and max must be finite");
            }
            order(f, min > max, f.has("min") ? f.text("min") : "0", f.has("max") ? f.text("max") : "1");
            yield new FloatField(name, opts, min, max, distribution(f, min, max, true));
          }
          case "boolean", "bool" -> {
            f.allow(Set.of("probability"));
            double p = f.has("probability") ? f.number("probability") : 0.5;
            if (!(p >= 0 && p <= 1)) {
              throw new SchemaException(f.path("probability"), "probability (" + p + ") is not between 0 and 1");
            }
            yield new BooleanField(name, opts, p);
          }
          case "string" -> {
            f.allow(Set.of("min_length", "max_length", "length", "chars"));
            int min = 1;
            int max = 16;
            if (f.has("length")) {
              min = max = (int) f.integer("length");
            }
            min = f.has("min_length") ? (int) f.integer("min_length") : min;
            max = f.has("max_length") ? (int) f.integer("max_length") : max;
            if (min < 0) {
              throw new SchemaException(f.path("min_length"), "min_length (" + min + ") is negative");
            }
            if (max > 65_536) {
              throw new SchemaException(f.path("max_length"), "max_length (" + max + ") is above 65536");
            }
            if (min > max) {
              throw new SchemaException(
                  f.path, "min_length (" + min + ") is greater than max_length (" + max + ")");
            }
            yield new StringField(name, opts, min, max, alphabet(f));
          }
          case "regex" -> {
            f.allow(Set.of("pattern"));
            String pattern = f.string("pattern");
            yield new RegexField(name, opts, pattern, RegexPatterns.check(f.path("pattern"), pattern, limits));
          }
          case "enum" -> enumField(name, opts, f);
          case "date" -> {
            f.allow(Set.of("min", "max", "format", "distribution", "rate", "exponent"));
            LocalDate min = f.has("min") ? temporal(f, "min", LocalDate::parse) : LocalDate.of(2000, 1, 1);
            LocalDate max = f.has("max") ? temporal(f, "max", LocalDate::parse) : LocalDate.of(2030, 12, 31);
            order(f, min.isAfter(max), min.toString(), max.toString());
            yield new DateField(name, opts, min, max, format(f, min), distribution(f, 0, max.toEpochDay() - min.toEpochDay(), false));
          }
          case "time" -> {
            f.allow(Set.of("min", "max", "format", "distribution", "rate", "exponent"));
            LocalTime min = f.has("min") ? temporal(f, "min", LocalTime::parse) : LocalTime.MIN;
            LocalTime max = f.has("max") ? temporal(f, "max", LocalTime::parse) : LocalTime.of(23, 59, 59);
            order(f, min.isAfter(max), min.toString(), max.toString());
            yield new TimeField(name, opts, min, max, format(f, min), distribution(f, 0, max.toSecondOfDay() - min.toSecondOfDay(), false));
          }
          case "datetime", "timestamp" -> {
            f.allow(Set.of("min", "max", "format", "distribution", "rate", "exponent"));
            LocalDateTime min = f.has("min") ? temporal(f, "min", SchemaParser::dateTime) : LocalDateTime.of(2000, 1, 1, 0, 0);
            LocalDateTime max = f.has("max") ? temporal(f, "max", SchemaParser::dateTime) : LocalDateTime.of(2030, 12, 31, 23, 59, 59);
            order(f, min.isAfter(max), min.toString(), max.toString());
            long span = java.time.Duration.between(min, max).getSeconds();
            yield new DateTimeField(name, opts, min, max, format(f, min), distribution(f, 0, span, false));
          }
          case "uuid" -> {
            f.allow(Set.of());
            yield new UuidField(name, opts);
          }
          case "sequence" -> {
            f.allow(Set.of("start", "step"));
            long step = f.has("step") ? f.integer("step") : 1;
            if (step == 0) {
              throw new SchemaException(f.path("step"), "step is 0");
            }
            yield new SequenceField(name, opts, f.has("start") ? f.integer("start") : 1, step);
          }
          case "faker" -> {
            f.allow(Set.of("provider", "locale", "pool"));
            String provider = f.string("provider");
            if (!provider.contains("#{")) {
              FakerProviders.resolve(f.path("provider"), provider);
            }
            long pool = f.has("pool") ? f.integer("pool") : FakerField.DEFAULT_POOL;
            if (pool < 0 || pool > 1 << 24) {
              throw new SchemaException(f.path("pool"), "pool must be between 0 and 16777216, got " + pool);
            }
            yield new FakerField(name, opts, provider, locale(f), (int) pool);
          }
          case "text" -> textField(name, opts, f);
          case "expr" -> {
            f.allow(Set.of("expr", "type", "scale"));
            String expr = f.string("expr");
            Expressions.compile(f.path("expr"), expr);
            ValueType type = f.has("type") ? valueType(f) : null;
            int scale = f.has("scale") ? (int) f.integer("scale") : -1;
            if (scale > 18) {
              throw new SchemaException(f.path("scale"), "scale (" + scale + ") is above 18");
            }
            yield new ExprField(name, opts, expr, type, scale);
          }
          case "ref" -> {
            f.allow(Set.of("table", "field", "distribution", "exponent"));
            // Skewed foreign keys (few parents with most children) are what zipf models; the
            // parameters of other shapes would depend on the parent's row count.
            String d = f.has("distribution") ? f.string("distribution").toLowerCase(Locale.ROOT) : "uniform";
            if (!d.equals("uniform") && !d.equals("zipf")) {
              throw new SchemaException(f.path("distribution"), "a ref's distribution is uniform or zipf");
            }
            yield new RefField(name, opts, f.string("table"), f.string("field"), distribution(f, 0, 1, false));
          }
          default -> throw new SchemaException(
              f.path("kind"),
              "unknown kind '" + kind + "' (known: int, decimal, float, boolean, string, regex, enum, "
                  + "date, time, datetime, uuid, sequence, faker, text, expr, ref, constant)");
        };
    f.finish();
    return spec;
  }

  private FieldSpec constant(String name, String kind, FieldOptions opts, Obj f) {
    f.allow(Set.of());
    if (!f.has("constant")) {
      throw new SchemaException(f.path, "kind constant needs a constant setting");
    }
    JsonNode v = f.node("constant");
    String path = f.path("constant");
    ValueType type;
    Serializable value;
    try {
      switch (kind == null ? "constant" : kind) {
        case "int", "integer", "long", "sequence" -> {
          type = ValueType.INTEGER;
          value = Long.parseLong(v.asString());
        }
        case "decimal" -> {
          type = ValueType.DECIMAL;
          value = new BigDecimal(v.asString());
        }
        case "float", "double" -> {
          type = ValueType.FLOAT;
          value = Double.parseDouble(v.asString());
        }
        case "boolean", "bool" -> {
          type = ValueType.BOOLEAN;
          value = Boolean.parseBoolean(v.asString());
        }
        case "date" -> {
          type = ValueType.DATE;
          value = LocalDate.parse(v.asString());
        }
        case "time" -> {
          type = ValueType.TIME;
          value = LocalTime.parse(v.asString());
        }
        case "datetime", "timestamp" -> {
          type = ValueType.DATETIME;
          value = dateTime(v.asString());
        }
        case "constant" -> {
          if (v.isIntegralNumber() && v.canConvertToLong()) {
            type = ValueType.INTEGER;
            value = v.asLong();
          } else if (v.isNumber()) {
            type = ValueType.FLOAT;
            value = v.asDouble();
          } else if (v.isBoolean()) {
            type = ValueType.BOOLEAN;
            value = v.asBoolean();
          } else if (v.isNull()) {
            type = ValueType.STRING;
            value = null;
          } else if (v.isValueNode()) {
            type = ValueType.STRING;
            value = v.asString();
          } else {
            throw new SchemaException(path, "constant must be a single value");
          }
        }
        default -> {
          type = ValueType.STRING;
          if (!v.isValueNode()) {
            throw new SchemaException(path, "constant must be a single value");
          }
          value = v.isNull() ? null : v.asString();
        }
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new SchemaException(path, "constant '" + v.asString() + "' is not a valid " + kind, e);
    }
    if (value == null && opts.nulls() < 1) {
      opts = new FieldOptions(1, opts.unique());
    }
    f.finish();
    return new ConstantField(name, opts, type, value);
  }

  private EnumField enumField(String name, FieldOptions opts, Obj f) {
    f.allow(Set.of("values", "weights", "type"));
    JsonNode values = f.node("values");
    String path = f.path("values");
    List<String> names = new ArrayList<>();
    List<Double> weights = new ArrayList<>();
    if (values.isObject()) {
      for (Map.Entry<String, JsonNode> e : values.properties()) {
        if (!e.getValue().isNumber()) {
          throw new SchemaException(path + "." + e.getKey(), "weight must be a number");
        }
        names.add(e.getKey());
        weights.add(e.getValue().asDouble());
      }
    } else if (values.isArray()) {
      for (JsonNode v : values) {
        if (!v.isValueNode() || v.isNull()) {
          throw new SchemaException(path, "values must be scalars");
        }
        names.add(v.asString());
      }
      if (f.has("weights")) {
        JsonNode w = f.node("weights");
        if (!w.isArray() || w.size() != names.size()) {
          throw new SchemaException(f.path("weights"), "weights must be a list as long as values");
        }
        for (JsonNode x : w) {
          if (!x.isNumber()) {
            throw new SchemaException(f.path("weights"), "weights must be numbers");
          }
          weights.add(x.asDouble());
        }
      } else {
        names.forEach(n -> weights.add(1.0));
      }
    } else {
      throw new SchemaException(path, "values must be a list or a map of value to weight");
    }
    if (names.isEmpty()) {
      throw new SchemaException(path, "values is empty");
    }
    if (new HashSet<>(names).size() != names.size()) {
      throw new SchemaException(path, "values has duplicates");
    }
    double total = 0;
    for (double w : weights) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new SchemaException(path, "weights must be finite and not negative");
      }
      total += w;
    }
    if (total <= 0) {
      throw new SchemaException(path, "weights add up to 0");
    }
    ValueType type = ValueType.STRING;
    if (f.has("type")) {
      String t = f.string("type");
      type = switch (t) {
        case "string", "text" -> ValueType.STRING;
        case "int", "integer", "long" -> ValueType.INTEGER;
        case "float", "double" -> ValueType.FLOAT;
        default -> throw new SchemaException(f.path("type"), "type must be string, int or float, got '" + t + "'");
      };
      for (String v : names) {
        try {
          if (type == ValueType.INTEGER) {
            Long.parseLong(v);
          } else if (type == ValueType.FLOAT) {
            Double.parseDouble(v);
          }
        } catch (NumberFormatException e) {
          throw new SchemaException(path, "'" + v + "' is not " + (type == ValueType.INTEGER ? "an integer" : "a number"));
        }
      }
    }
    return new EnumField(name, opts, names, weights, type);
  }

  private TextField textField(String name, FieldOptions opts, Obj f) {
    f.allow(Set.of("words", "sentences", "locale"));
    if (f.has("words") && f.has("sentences")) {
      throw new SchemaException(f.path, "give words or sentences, not both");
    }
    TextUnit unit = f.has("sentences") ? TextUnit.SENTENCES : TextUnit.WORDS;
    String key = unit == TextUnit.SENTENCES ? "sentences" : "words";
    int min = 5;
    int max = 12;
    if (f.has(key)) {
      JsonNode n = f.node(key);
      String path = f.path(key);
      if (n.isIntegralNumber()) {
        min = max = n.asInt();
      } else if (n.isArray() && n.size() == 2 && n.get(0).isIntegralNumber() && n.get(1).isIntegralNumber()) {
        min = n.get(0).asInt();
        max = n.get(1).asInt();
      } else if (n.isObject()) {
        Obj o = Obj.of(path, n);
        min = (int) o.integer("min");
        max = (int) o.integer("max");
        o.finish();
      } else {
        throw new SchemaException(path, key + " must be a count, [min, max] or {min, max}");
      }
      if (min < 0 || max > 10_000) {
        throw new SchemaException(path, key + " must be between 0 and 10000");
      }
      if (min > max) {
        throw new SchemaException(path, "min (" + min + ") is greater than max (" + max + ")");
      }
    }
    return new TextField(name, opts, unit, min, max, locale(f));
  }

  private static Locale locale(Obj f) {
    String tag = f.has("locale") ? f.string("locale") : "en";
    Locale locale = Locale.forLanguageTag(tag.replace('_', '-'));
    if (locale.getLanguage().isEmpty()) {
      throw new SchemaException(f.path("locale"), "locale '" + tag + "' is not a language tag");
    }
    return locale;
  }

  private static ValueType valueType(Obj f) {
    String t = f.string("type").toLowerCase(Locale.ROOT);
    return switch (t) {
      case "string", "text" -> ValueType.STRING;
      case "int", "integer", "long" -> ValueType.INTEGER;
      case "float", "double" -> ValueType.FLOAT;
      case "decimal" -> ValueType.DECIMAL;
      case "boolean", "bool" -> ValueType.BOOLEAN;
      case "date" -> ValueType.DATE;
      case "time" -> ValueType.TIME;
      case "datetime", "timestamp" -> ValueType.DATETIME;
      default -> throw new SchemaException(f.path("type"), "unknown type '" + t + "'");
    };
  }

  private static String alphabet(Obj f) {
    if (!f.has("chars")) {
      return CHAR_CLASSES.get("alnum");
    }
    String chars = f.string("chars");
    String named = CHAR_CLASSES.get(chars.toLowerCase(Locale.ROOT));
    if (named != null) {
      return named;
    }
    StringBuilder distinct = new StringBuilder();
    Set<Integer> seen = new LinkedHashSet<>();
    chars.chars().forEach(c -> {
      if (seen.add(c)) {
        distinct.append((char) c);
      }
    });
    if (distinct.isEmpty()) {
      throw new SchemaException(f.path("chars"), "chars is empty");
    }
    return distinct.toString();
  }

  private static String format(Obj f, Temporal sample) {
    if (!f.has("format")) {
      return null;
    }
    String pattern = f.string("format");
    try {
      DateTimeFormatter.ofPattern(pattern).format(sample);
      return pattern;
    } catch (IllegalArgumentException | java.time.DateTimeException e) {
      throw new SchemaException(f.path("format"), "format '" + pattern + "' is not usable here: " + e.getMessage(), e);
    }
  }

  private static <T> T temporal(Obj f, String key, Function<String, T> parser) {
    String text = f.string(key);
    try {
      return parser.apply(text);
    } catch (DateTimeParseException e) {
      throw new SchemaException(f.path(key), "'" + text + "' is not an ISO-8601 value", e);
    }
  }

  private static LocalDateTime dateTime(String text) {
    return text.length() <= 10 ? LocalDate.parse(text).atStartOfDay() : LocalDateTime.parse(text.replace(' ', 'T'));
  }

  private static void order(Obj f, long min, long max, String minText, String maxText) {
    order(f, min > max, minText, maxText);
  }

  private static void order(Obj f, boolean reversed, String minText, String maxText) {
    if (reversed) {
      throw new SchemaException(f.path, "min (" + minText + ") is greater than max (" + maxText + ")");
    }
  }

  /**
   * Reads the distribution settings. {@code min}/{@code max} give defaults and checks in the
   * field's value space; {@code withNormal} is false for temporal kinds, whose mean would need a
   * unit.
   */
  private static Distribution distribution(Obj f, double min, double max, boolean withNormal) {
    String d = f.has("distribution") ? f.string("distribution").toLowerCase(Locale.ROOT) : "uniform";
    String path = f.path("distribution");
    return switch (d) {
      case "uniform" -> {
        f.forbid("mean", "stddev", "rate", "exponent");
        yield Distribution.UNIFORM;
      }
      case "normal", "gaussian" -> {
        if (!withNormal) {
          throw new SchemaException(path, "normal is not supported for this kind (use uniform, exponential or zipf)");
        }
        f.forbid("rate", "exponent");
        double mean = f.has("mean") ? f.number("mean") : min / 2 + max / 2;
        double sd = f.has("stddev") ? f.number("stddev") : (max - min) / 6;
        if (!(sd > 0) && max > min) {
          throw new SchemaException(f.path("stddev"), "stddev (" + sd + ") must be positive");
        }
        if (!Double.isFinite(mean) || !Double.isFinite(sd)) {
          throw new SchemaException(path, "mean and stddev must be finite");
        }
        yield new Distribution.Normal(mean, Math.max(sd, Double.MIN_NORMAL));
      }
      case "exponential" -> {
        f.forbid("stddev", "exponent");
        double rate;
        if (f.has("rate")) {
          rate = f.number("rate");
          if (f.has("mean")) {
            throw new SchemaException(path, "give rate or mean, not both");
          }
        } else if (f.has("mean")) {
          double mean = f.number("mean");
          if (!(mean > min)) {
            throw new SchemaException(f.path("mean"), "mean (" + f.text("mean") + ") must be above min");
          }
          rate = 1 / (mean - min);
        } else {
          rate = max > min ? 5 / (max - min) : 1;
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
          throw new SchemaException(f.path("rate"), "rate must be positive");
        }
        yield new Distribution.Exponential(rate);
      }
      case "zipf" -> {
        f.forbid("mean", "stddev", "rate");
        double s = f.has("exponent") ? f.number("exponent") : 1;
        if (!(s > 0) || Double.isInfinite(s)) {
          throw new SchemaException(f.path("exponent"), "exponent must be positive");
        }
        yield new Distribution.Zipf(s);
      }
      default -> throw new SchemaException(path, "unknown distribution '" + d + "' (known: uniform, normal, exponential, zipf)");
    };
  }

  private static String range(char from, char to) {
    StringBuilder b = new StringBuilder();
    for (char c = from; c <= to; c++) {
      b.append(c);
    }
    return b.toString();
  }

  /** An object node with its path, tracking which settings were read so leftovers are reported. */
  private static final class Obj {
    final String path;
    final JsonNode node;
    private final Set<String> allowed = new HashSet<>();
    private boolean restricted;

    private Obj(String path, JsonNode node) {
      this.path = path;
      this.node = node;
    }

    static Obj of(String path, JsonNode node) {
      if (node == null || !node.isObject()) {
        throw new SchemaException(path, "expected an object" + (node == null || node.isMissingNode() ? "" : ", found " + node.getNodeType().name().toLowerCase(Locale.ROOT)));
      }
      return new Obj(path, node);
    }

    String path(String key) {
      return path.isEmpty() ? key : path + "." + key;
    }

    List<String> names() {
      return new ArrayList<>(node.propertyNames());
    }

    boolean has(String key) {
      JsonNode n = node.get(key);
      return n != null && !n.isMissingNode();
    }

    JsonNode node(String key) {
      JsonNode n = node.get(key);
      if (n == null || n.isMissingNode()) {
        throw new SchemaException(path(key), key + " is missing");
      }
      return n;
    }

    Obj object(String key) {
      return Obj.of(path(key), node(key));
    }

    String string(String key) {
      JsonNode n = node(key);
      if (!n.isValueNode() || n.isNull()) {
        throw new SchemaException(path(key), key + " must be a text value");
      }
      return n.asString();
    }

    String text(String key) {
      return node(key).asString();
    }

    long integer(String key) {
      JsonNode n = node(key);
      if (n.isIntegralNumber() && n.canConvertToLong()) {
        return n.asLong();
      }
      if (n.isString()) {
        try {
          return Long.parseLong(n.asString().strip());
        } catch (NumberFormatException e) {
          // fall through to the message below
        }
      }
      throw new SchemaException(path(key), key + " (" + n.asString() + ") must be an integer within ±2^63");
    }

    double number(String key) {
      JsonNode n = node(key);
      if (n.isNumber()) {
        return n.asDouble();
      }
      throw new SchemaException(path(key), key + " (" + n.asString() + ") must be a number");
    }

    BigDecimal decimal(String key) {
      JsonNode n = node(key);
      if (n.isNumber()) {
        return n.decimalValue();
      }
      try {
        return new BigDecimal(n.asString().strip());
      } catch (NumberFormatException e) {
        throw new SchemaException(path(key), key + " (" + n.asString() + ") must be a number", e);
      }
    }

    boolean bool(String key) {
      JsonNode n = node(key);
      if (!n.isBoolean()) {
        throw new SchemaException(path(key), key + " must be true or false");
      }
      return n.asBoolean();
    }

    void allow(Set<String> keys, String... more) {
      restricted = true;
      allowed.addAll(keys);
      allowed.addAll(List.of(more));
    }

    void forbid(String... keys) {
      for (String k : keys) {
        if (has(k)) {
          throw new SchemaException(path(k), k + " does not apply to this distribution");
        }
      }
    }

    /** Rejects settings no reader asked for. Object nodes without {@link #allow} accept any key. */
    void finish() {
      if (!restricted) {
        return;
      }
      for (String k : node.propertyNames()) {
        if (!allowed.contains(k)) {
          throw new SchemaException(path(k), "unknown setting '" + k + "'");
        }
      }
    }
  }
}
