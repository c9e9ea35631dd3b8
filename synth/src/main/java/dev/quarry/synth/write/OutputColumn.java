package dev.quarry.synth.write;

import dev.quarry.core.formats.ValueType;

/**
 * A column as writers see it. Values in rows use the classes of {@link ValueType}: STRING → String,
 * INTEGER → Long, FLOAT → Double, DECIMAL → BigDecimal (with {@code scale}), BOOLEAN → Boolean,
 * DATE → LocalDate, TIME → LocalTime, DATETIME → LocalDateTime; any value may be null when
 * {@code nullable}.
 *
 * @param scale digits after the decimal point for DECIMAL, else 0
 */
public record OutputColumn(String name, ValueType type, int scale, boolean nullable) {}
