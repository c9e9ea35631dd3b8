package dev.quarry.synth.write;

import dev.quarry.core.formats.ValueType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** A table with every type, nulls and hostile values, and helpers to write it. */
final class SampleTable {

  static final String[] TRICKY = {
    "",
    "plain",
    "comma, inside",
    "quote \" inside",
    "\"starts with a quote",
    "new\nline",
    "crlf\r\nline and lone\rcr",
    "tab\tinside",
    "unicode é ü 日本 😀 \u2028",
    "<tag attr='x'> & \"amp\" ]]>",
    "back\\slash \\' \\\\",
    "control \u0001 \u001f \u007f",
    "it's",
    "NULL",
    " padded ",
    "semi;colon -- comment /* c */",
  };

  static final OutputSchema SCHEMA = new OutputSchema("sample table", List.of(
      new OutputColumn("id", ValueType.INTEGER, 0, false),
      new OutputColumn("first name", ValueType.STRING, 0, true),
      new OutputColumn("amount", ValueType.DECIMAL, 2, true, 12),
      new OutputColumn("small", ValueType.DECIMAL, 1, true, 5),
      new OutputColumn("big", ValueType.DECIMAL, 6, true, 38),
      new OutputColumn("score", ValueType.FLOAT, 0, true),
      new OutputColumn("count", ValueType.INTEGER, 0, true),
      new OutputColumn("flag", ValueType.BOOLEAN, 0, true),
      new OutputColumn("day", ValueType.DATE, 0, true),
      new OutputColumn("at", ValueType.TIME, 0, true),
      new OutputColumn("order", ValueType.DATETIME, 0, true)));

  static final double[] DOUBLES = {
    0.1, -2.5, 1e300, -1e-300, 1e21, 1e20, 12345678.9, 1e-7, 1.5e-8, 0.0, -0.0, 3.0, 1e23,
    Double.MAX_VALUE, Double.MIN_VALUE, 123.456
  };

  static final long[] LONGS = {0, -1, Long.MAX_VALUE, Long.MIN_VALUE, 42, -9_007_199_254_740_993L};

  private SampleTable() {}

  static List<Object[]> rows(int count) {
    SplittableRandom random = new SplittableRandom(7);
    List<Object[]> rows = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      boolean nulls = i % 9 == 4;
      Object[] row = new Object[SCHEMA.columns().size()];
      row[0] = (long) i;
      row[1] = nulls ? null : TRICKY[i % TRICKY.length] + (i % 3 == 1 ? " #" + i : "");
      row[2] = nulls ? null : BigDecimal.valueOf(random.nextLong(-99_999_999_999L, 99_999_999_999L), 2);
      row[3] = nulls ? null : BigDecimal.valueOf(random.nextInt(-9999, 9999), 1);
      row[4] = nulls ? null : i % 5 == 0
          ? new BigDecimal("-99999999999999999999999999999999.999999")
          : new BigDecimal(random.nextLong()).multiply(BigDecimal.valueOf(random.nextLong())).movePointLeft(6);
      row[5] = nulls ? null : i < DOUBLES.length ? DOUBLES[i] : (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-10, 12));
      row[6] = nulls ? null : i < LONGS.length ? LONGS[i] : random.nextLong();
      row[7] = nulls ? null : random.nextBoolean();
      row[8] = nulls ? null : LocalDate.of(1900, 1, 1).plusDays(random.nextInt(0, 80_000));
      row[9] = nulls ? null : LocalTime.ofNanoOfDay(random.nextLong(0, 86_400_000_000L) * 1_000);
      row[10] = nulls ? null : i % 7 == 0
          ? LocalDateTime.of(2024, 2, 29, 13, 5) // whole minutes: seconds must still be written
          : LocalDateTime.of(1960, 1, 1, 0, 0).plusNanos(random.nextLong(0, 3_000_000_000_000_000L) * 1_000);
      rows.add(row);
    }
    return rows;
  }

  static byte[] write(OutputFormat format, OutputSchema schema, List<Object[]> rows) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    write(format, schema, rows, out, Fragment.WHOLE);
    return out.toByteArray();
  }

  static void write(OutputFormat format, OutputSchema schema, List<Object[]> rows, OutputStream out, Fragment fragment)
      throws IOException {
    try (RowWriter writer = format.open(out, schema, fragment)) {
      for (Object[] row : rows) {
        writer.write(row);
      }
    }
  }

  /** The text form the text formats promise (CSV, XML), null for null. */
  static String text(OutputColumn c, Object v) {
    if (v == null) {
      return null;
    }
    ValueText t = new ValueText();
    return switch (c.type()) {
      case STRING -> (String) v;
      case INTEGER -> v.toString();
      case FLOAT -> t.string(t.formatDouble((Double) v));
      case DECIMAL -> ((BigDecimal) v).setScale(c.scale()).toPlainString();
      case BOOLEAN -> v.toString();
      case DATE -> v.toString();
      case TIME -> t.string(t.formatTime((LocalTime) v));
      case DATETIME -> t.string(t.formatDateTime((LocalDateTime) v, 'T'));
      default -> throw new IllegalArgumentException();
    };
  }
}
