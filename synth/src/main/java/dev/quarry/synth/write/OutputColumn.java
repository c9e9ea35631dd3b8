package dev.quarry.synth.write;

import dev.quarry.core.formats.ValueType;
import java.util.Objects;

/**
 * A column as writers see it. Values in rows use the classes of {@link ValueType}: STRING → String,
 * INTEGER → Long, FLOAT → Double, DECIMAL → BigDecimal (with {@code scale}), BOOLEAN → Boolean,
 * DATE → LocalDate, TIME → LocalTime, DATETIME → LocalDateTime; any value may be null when
 * {@code nullable}.
 *
 * <p>Writers accept any {@link Number} for INTEGER and FLOAT (Integer is as good as Long). BYTES and
 * NESTED are not written by synth and are rejected when a writer opens.
 *
 * @param scale digits after the decimal point for DECIMAL, else 0
 * @param precision total significant digits for DECIMAL (1 to 38; SQL {@code NUMERIC(p,s)} and the
 *     Parquet DECIMAL annotation need it), else 0. The four-argument constructor uses {@link
 *     #DEFAULT_DECIMAL_PRECISION} for DECIMAL, the widest that every target holds exactly.
 */
public record OutputColumn(String name, ValueType type, int scale, boolean nullable, int precision) {

  /** 38 digits: the most a 16-byte two's-complement integer holds, and Parquet's usual maximum. */
  public static final int DEFAULT_DECIMAL_PRECISION = 38;

  public OutputColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (type == ValueType.DECIMAL) {
      if (precision < 1 || precision > DEFAULT_DECIMAL_PRECISION) {
        throw new IllegalArgumentException(
            "column " + name + ": decimal precision must be 1 to 38, not " + precision);
      }
      if (scale < 0 || scale > precision) {
        throw new IllegalArgumentException(
            "column " + name + ": decimal scale must be 0 to the precision " + precision + ", not " + scale);
      }
    }
  }

  public OutputColumn(String name, ValueType type, int scale, boolean nullable) {
    this(name, type, scale, nullable, type == ValueType.DECIMAL ? DEFAULT_DECIMAL_PRECISION : 0);
  }
}
