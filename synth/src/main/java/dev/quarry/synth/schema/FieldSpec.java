package dev.quarry.synth.schema;

import dev.quarry.core.formats.ValueType;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Locale;

/**
 * One field of a table: a record per kind. Records hold settings already checked and normalised by
 * {@link SchemaParser} (ranges ordered, alphabets expanded, weights positive); cross-field rules
 * (refs, expressions, uniqueness domains) are checked by {@link SynthSchema#validate}.
 */
public sealed interface FieldSpec extends Serializable {

  String name();

  FieldOptions options();

  /** The kind as written in schemas ({@code int}, {@code faker}, ...), for messages. */
  String kind();

  /** Integers in {@code [min, max]}; kinds {@code int}, {@code integer}, {@code long}. */
  record IntField(String name, FieldOptions options, long min, long max, Distribution distribution)
      implements FieldSpec {
    public String kind() {
      return "int";
    }
  }

  /** Decimals with {@code scale} digits after the point in {@code [min, max]}. */
  record DecimalField(
      String name, FieldOptions options, BigDecimal min, BigDecimal max, int scale,
      Distribution distribution)
      implements FieldSpec {
    public String kind() {
      return "decimal";
    }
  }

  /** Doubles in {@code [min, max]}. */
  record FloatField(String name, FieldOptions options, double min, double max, Distribution distribution)
      implements FieldSpec {
    public String kind() {
      return "float";
    }
  }

  /** True with {@code probability}. */
  record BooleanField(String name, FieldOptions options, double probability) implements FieldSpec {
    public String kind() {
      return "boolean";
    }
  }

  /** Random strings over {@code alphabet} with a length in {@code [minLength, maxLength]}. */
  record StringField(String name, FieldOptions options, int minLength, int maxLength, String alphabet)
      implements FieldSpec {
    public String kind() {
      return "string";
    }
  }

  /**
   * Strings matching {@code pattern}.
   *
   * @param maxRepeat how often an unbounded quantifier repeats at most, chosen by the parser so the
   *     longest possible value stays within {@link SchemaLimits#maxRegexLength()}
   */
  record RegexField(String name, FieldOptions options, String pattern, int maxRepeat)
      implements FieldSpec {
    public String kind() {
      return "regex";
    }
  }

  /** One of {@code values}, drawn with the given relative {@code weights} (same size). */
  /**
   * One of {@code values} with {@code weights}. {@code type} says what the values are: STRING (the
   * default), INTEGER or FLOAT — a weighted enum of numbers stays numeric in typed outputs (JSON,
   * Parquet, SQL), which synthetic twins of numeric columns rely on.
   */
  record EnumField(String name, FieldOptions options, List<String> values, List<Double> weights,
      ValueType type) implements FieldSpec {
    public EnumField {
      values = List.copyOf(values);
      weights = List.copyOf(weights);
      type = type == null ? ValueType.STRING : type;
    }

    public EnumField(String name, FieldOptions options, List<String> values, List<Double> weights) {
      this(name, options, values, weights, ValueType.STRING);
    }

    public String kind() {
      return "enum";
    }
  }

  /** Dates between {@code min} and {@code max} inclusive. */
  record DateField(
      String name, FieldOptions options, LocalDate min, LocalDate max, String format,
      Distribution distribution)
      implements FieldSpec {
    public String kind() {
      return "date";
    }
  }

  /** Times of day to the second between {@code min} and {@code max} inclusive. */
  record TimeField(
      String name, FieldOptions options, LocalTime min, LocalTime max, String format,
      Distribution distribution)
      implements FieldSpec {
    public String kind() {
      return "time";
    }
  }

  /** Date-times to the second between {@code min} and {@code max} inclusive. */
  record DateTimeField(
      String name, FieldOptions options, LocalDateTime min, LocalDateTime max, String format,
      Distribution distribution)
      implements FieldSpec {
    public String kind() {
      return "datetime";
    }
  }

  /** Version-4-shaped UUIDs drawn from the row's stream; unique by construction. */
  record UuidField(String name, FieldOptions options) implements FieldSpec {
    public String kind() {
      return "uuid";
    }
  }

  /** {@code start + row * step}. */
  record SequenceField(String name, FieldOptions options, long start, long step) implements FieldSpec {
    public String kind() {
      return "sequence";
    }
  }

  /**
   * A Datafaker provider: {@code group.method} ({@code name.fullName}) or, when it contains {@code
   * #{}, a Datafaker expression ({@code #{Name.firstName} #{Address.city}}).
   */
  /**
   * A Datafaker provider. With {@code pool > 0} (the default {@link #DEFAULT_POOL}) values are drawn
   * from a pool of that many provider values made once per field from the field's own seed — the
   * same pool on every worker — because calling Datafaker per row costs ~2 µs a value, 50 times a
   * plain generator; {@code pool: 0} calls the provider for every row.
   */
  record FakerField(String name, FieldOptions options, String provider, Locale locale, int pool)
      implements FieldSpec {

    public static final int DEFAULT_POOL = 65_536;

    public FakerField(String name, FieldOptions options, String provider, Locale locale) {
      this(name, options, provider, locale, DEFAULT_POOL);
    }

    public String kind() {
      return "faker";
    }
  }

  /** Lorem text of {@code min..max} words or sentences. */
  record TextField(String name, FieldOptions options, TextUnit unit, int min, int max, Locale locale)
      implements FieldSpec {
    public String kind() {
      return "text";
    }
  }

  enum TextUnit {
    WORDS,
    SENTENCES
  }

  /**
   * A value computed from other fields of the row by a sandboxed JEXL expression.
   *
   * @param type the column type; null to infer it from the first rows' values
   * @param scale digits after the point when the type is DECIMAL; -1 to infer
   */
  record ExprField(String name, FieldOptions options, String expr, ValueType type, int scale)
      implements FieldSpec {
    public String kind() {
      return "expr";
    }
  }

  /**
   * A foreign key: the value of {@code table.field} at a parent row index drawn with {@code
   * distribution} over {@code [0, parent rows)}.
   */
  record RefField(String name, FieldOptions options, String table, String field, Distribution distribution)
      implements FieldSpec {
    public String kind() {
      return "ref";
    }
  }

  /** The same value on every row: a String, Long, Double, BigDecimal, Boolean or java.time value. */
  record ConstantField(String name, FieldOptions options, ValueType type, Serializable value)
      implements FieldSpec {
    public String kind() {
      return "constant";
    }
  }
}
