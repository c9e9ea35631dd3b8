package dev.quarry.synth.schema;

import dev.quarry.synth.schema.FieldSpec.BooleanField;
import dev.quarry.synth.schema.FieldSpec.ConstantField;
import dev.quarry.synth.schema.FieldSpec.DateField;
import dev.quarry.synth.schema.FieldSpec.DateTimeField;
import dev.quarry.synth.schema.FieldSpec.DecimalField;
import dev.quarry.synth.schema.FieldSpec.EnumField;
import dev.quarry.synth.schema.FieldSpec.IntField;
import dev.quarry.synth.schema.FieldSpec.RegexField;
import dev.quarry.synth.schema.FieldSpec.StringField;
import dev.quarry.synth.schema.FieldSpec.TimeField;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;

/**
 * Sizes of the value domains of unique fields. A unique field of a countable kind maps its row
 * index through a keyed permutation of {@code [0, size)} and takes the value at that position, so
 * uniqueness holds across shards without any shared set. Domains above {@link #CAP} are treated as
 * {@code CAP} values: a permutation of a subset still gives distinct values.
 */
public final class Domains {

  /** Largest domain the permutation works over: 2^62 keeps its arithmetic in signed longs. */
  public static final long CAP = 1L << 62;

  private Domains() {}

  /**
   * The number of distinct values a unique field of this kind can take, capped at {@link #CAP};
   * {@code -1} for kinds that are unique by construction or by suffix (uuid, sequence, faker, text);
   * throws for kinds that cannot be unique.
   */
  public static long size(String path, FieldSpec field) {
    if (field instanceof IntField f) {
      return span(f.min(), f.max());
    } else if (field instanceof DecimalField f) {
      return span(
          units(f.min(), f.scale(), RoundingMode.CEILING), units(f.max(), f.scale(), RoundingMode.FLOOR));
    } else if (field instanceof DateField f) {
      return span(f.min().toEpochDay(), f.max().toEpochDay());
    } else if (field instanceof TimeField f) {
      return span(f.min().toSecondOfDay(), f.max().toSecondOfDay());
    } else if (field instanceof DateTimeField f) {
      return span(0, Duration.between(f.min(), f.max()).getSeconds());
    } else if (field instanceof BooleanField) {
      return 2;
    } else if (field instanceof EnumField f) {
      return f.values().size();
    } else if (field instanceof ConstantField) {
      return 1;
    } else if (field instanceof StringField f) {
      long total = 0;
      for (int len = f.minLength(); len <= f.maxLength() && total < CAP; len++) {
        total = Math.min(CAP, total + pow(f.alphabet().length(), len));
      }
      return total;
    } else if (field instanceof RegexField f) {
      List<Object> slots = RegexPatterns.fixedSlots(f.pattern());
      if (slots == null) {
        throw new SchemaException(
            path,
            "unique needs a fixed-shape pattern (character classes and literals with fixed "
                + "counts, no alternation or variable repetition), so every row maps to its own value");
      }
      long total = 1;
      for (Object s : slots) {
        if (s instanceof char[] chars) {
          total = mul(total, chars.length);
        }
      }
      return total;
    } else if (field instanceof FieldSpec.UuidField
        || field instanceof FieldSpec.SequenceField
        || field instanceof FieldSpec.FakerField
        || field instanceof FieldSpec.TextField) {
      return -1;
    } else if (field instanceof FieldSpec.FloatField) {
      throw new SchemaException(path, "unique is not supported for float; use decimal with a scale");
    }
    throw new SchemaException(path, "unique is not supported for " + field.kind());
  }

  /** A decimal bound in units of 10^-scale, rounded inward. */
  public static long units(BigDecimal value, int scale, RoundingMode mode) {
    return value.setScale(scale, mode).unscaledValue().longValueExact();
  }

  private static long span(long min, long max) {
    long s = max - min + 1;
    return s <= 0 || s > CAP ? CAP : s;
  }

  private static long pow(long base, int exp) {
    long r = 1;
    for (int i = 0; i < exp && r < CAP; i++) {
      r = mul(r, base);
    }
    return r;
  }

  private static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    return a > CAP / b ? CAP : Math.min(CAP, a * b);
  }
}
