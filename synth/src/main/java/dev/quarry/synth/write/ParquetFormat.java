package dev.quarry.synth.write;

import dev.quarry.core.formats.ValueType;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type.Repetition;
import org.apache.parquet.schema.Types;

/**
 * Parquet through parquet-java's {@link ParquetWriter}, straight to the stream (see {@link
 * StreamOutputFile}; no Hadoop FileSystem, and a plain configuration rather than Hadoop's).
 * Columns are typed: STRING → BINARY (STRING), INTEGER → INT64, FLOAT → DOUBLE, DECIMAL(p,s) →
 * INT32 for p ≤ 9, INT64 for p ≤ 18, else FIXED_LEN_BYTE_ARRAY of the fewest bytes that hold p
 * digits (as the Parquet spec recommends), BOOLEAN, DATE → INT32 (DATE), TIME → INT64
 * (TIME(MICROS), not UTC-adjusted), DATETIME → INT64 (TIMESTAMP(MICROS), not UTC-adjusted); a
 * nullable column is OPTIONAL, else REQUIRED. Sub-microsecond digits are truncated.
 *
 * <p>Not concatenable: every fragment is a whole file (the fragment's flags are ignored). Memory is
 * bounded by one row group ({@link #ROW_GROUP_BYTES}) per open writer, not by the row count.
 */
final class ParquetFormat implements OutputFormat {

  /** Smaller than parquet-java's 128 MiB default, since several shards may be open at once. */
  static final int ROW_GROUP_BYTES = 64 << 20;

  private final CompressionCodecName codec;

  ParquetFormat(CompressionCodecName codec) {
    this.codec = codec;
  }

  CompressionCodecName codec() {
    return codec;
  }

  @Override
  public String name() {
    return codec == CompressionCodecName.SNAPPY ? "parquet" : "parquet:" + codec.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public String mediaType() {
    return "application/vnd.apache.parquet";
  }

  @Override
  public String extension() {
    return "parquet";
  }

  @Override
  public boolean concatenable() {
    return false;
  }

  @Override
  public RowWriter open(OutputStream out, OutputSchema schema, Fragment fragment) throws IOException {
    ValueText.checkSchema(schema);
    OutputColumn[] columns = schema.columns().toArray(OutputColumn[]::new);
    RowsWriteSupport support = new RowsWriteSupport(messageType(schema), columns);
    ParquetWriter<Object[]> writer = new Builder(new StreamOutputFile(out), support)
        .withConf(new PlainParquetConfiguration())
        .withCompressionCodec(codec)
        .withRowGroupSize((long) ROW_GROUP_BYTES)
        .build();
    return new RowWriter() {
      @Override
      public void write(Object[] row) throws IOException {
        ValueText.checkWidth(row, columns.length);
        writer.write(row);
      }

      @Override
      public void close() throws IOException {
        writer.close(); // writes the footer; StreamOutputFile leaves the stream open
      }
    };
  }

  @Override
  public String toString() {
    return name();
  }

  static MessageType messageType(OutputSchema schema) {
    Types.MessageTypeBuilder message = Types.buildMessage();
    for (OutputColumn c : schema.columns()) {
      Repetition repetition = c.nullable() ? Repetition.OPTIONAL : Repetition.REQUIRED;
      switch (c.type()) {
        case STRING -> message.primitive(PrimitiveTypeName.BINARY, repetition)
            .as(LogicalTypeAnnotation.stringType()).named(c.name());
        case INTEGER -> message.primitive(PrimitiveTypeName.INT64, repetition).named(c.name());
        case FLOAT -> message.primitive(PrimitiveTypeName.DOUBLE, repetition).named(c.name());
        case DECIMAL -> {
          LogicalTypeAnnotation decimal = LogicalTypeAnnotation.decimalType(c.scale(), c.precision());
          if (c.precision() <= 9) {
            message.primitive(PrimitiveTypeName.INT32, repetition).as(decimal).named(c.name());
          } else if (c.precision() <= 18) {
            message.primitive(PrimitiveTypeName.INT64, repetition).as(decimal).named(c.name());
          } else {
            message.primitive(PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY, repetition)
                .length(decimalBytes(c.precision())).as(decimal).named(c.name());
          }
        }
        case BOOLEAN -> message.primitive(PrimitiveTypeName.BOOLEAN, repetition).named(c.name());
        case DATE -> message.primitive(PrimitiveTypeName.INT32, repetition)
            .as(LogicalTypeAnnotation.dateType()).named(c.name());
        case TIME -> message.primitive(PrimitiveTypeName.INT64, repetition)
            .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)).named(c.name());
        case DATETIME -> message.primitive(PrimitiveTypeName.INT64, repetition)
            .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)).named(c.name());
        default -> throw new IllegalArgumentException("column " + c.name() + ": no Parquet type for " + c.type());
      }
    }
    return message.named(schema.table());
  }

  /** The fewest bytes whose two's complement holds every {@code precision}-digit integer. */
  static int decimalBytes(int precision) {
    BigInteger max = BigInteger.TEN.pow(precision).subtract(BigInteger.ONE);
    return max.bitLength() / 8 + 1; // bitLength excludes the sign bit
  }

  private static final class Builder extends ParquetWriter.Builder<Object[], Builder> {
    private final RowsWriteSupport support;

    Builder(OutputFile file, RowsWriteSupport support) {
      super(file);
      this.support = support;
    }

    @Override
    protected Builder self() {
      return this;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(Configuration conf) {
      return support;
    }

    @Override
    protected WriteSupport<Object[]> getWriteSupport(ParquetConfiguration conf) {
      return support;
    }
  }

  /** Turns a row into record-consumer calls; a null simply leaves its (OPTIONAL) field out. */
  private static final class RowsWriteSupport extends WriteSupport<Object[]> {
    private final MessageType type;
    private final OutputColumn[] columns;
    private final String[] names;
    private final BigInteger[] limits; // 10^precision per DECIMAL column, for the overflow check
    private final int[] fixedWidths; // bytes per FIXED_LEN_BYTE_ARRAY decimal
    private RecordConsumer consumer;

    RowsWriteSupport(MessageType type, OutputColumn[] columns) {
      this.type = type;
      this.columns = columns;
      this.names = new String[columns.length];
      this.limits = new BigInteger[columns.length];
      this.fixedWidths = new int[columns.length];
      for (int i = 0; i < columns.length; i++) {
        names[i] = columns[i].name();
        if (columns[i].type() == ValueType.DECIMAL) {
          limits[i] = BigInteger.TEN.pow(columns[i].precision());
          if (columns[i].precision() > 18) {
            fixedWidths[i] = decimalBytes(columns[i].precision());
          }
        }
      }
    }

    @Override
    public WriteContext init(Configuration configuration) {
      return new WriteContext(type, Map.of());
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
      return new WriteContext(type, Map.of());
    }

    @Override
    public String getName() {
      return "quarry-synth";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    @Override
    public void write(Object[] row) {
      consumer.startMessage();
      for (int i = 0; i < columns.length; i++) {
        Object v = row[i];
        OutputColumn c = columns[i];
        if (v == null) {
          if (!c.nullable()) {
            throw ValueText.nullInRequired(c);
          }
          continue;
        }
        consumer.startField(names[i], i);
        try {
          value(i, c, v);
        } catch (ClassCastException | ArithmeticException e) {
          throw ValueText.badValue(c, v, e);
        }
        consumer.endField(names[i], i);
      }
      consumer.endMessage();
    }

    private void value(int i, OutputColumn c, Object v) {
      switch (c.type()) {
        case STRING -> consumer.addBinary(Binary.fromString((String) v));
        case INTEGER -> consumer.addLong(((Number) v).longValue());
        case FLOAT -> consumer.addDouble(((Number) v).doubleValue());
        case DECIMAL -> decimal(i, c, (BigDecimal) v);
        case BOOLEAN -> consumer.addBoolean((Boolean) v);
        case DATE -> consumer.addInteger(Math.toIntExact(((LocalDate) v).toEpochDay()));
        case TIME -> consumer.addLong(((LocalTime) v).toNanoOfDay() / 1_000);
        case DATETIME -> {
          LocalDateTime t = (LocalDateTime) v;
          consumer.addLong(Math.addExact(
              Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L), t.getNano() / 1_000));
        }
        default -> throw new IllegalStateException("unsupported type " + c.type());
      }
    }

    private void decimal(int i, OutputColumn c, BigDecimal v) {
      BigInteger unscaled = v.setScale(c.scale(), RoundingMode.HALF_EVEN).unscaledValue();
      if (unscaled.abs().compareTo(limits[i]) >= 0) {
        throw new ArithmeticException("more than " + c.precision() + " digits");
      }
      if (c.precision() <= 9) {
        consumer.addInteger(unscaled.intValue());
      } else if (c.precision() <= 18) {
        consumer.addLong(unscaled.longValue());
      } else {
        // big-endian two's complement, sign-extended to the fixed width
        // a fresh array: parquet-java keeps values (dictionary, statistics) beyond this call
        byte[] fixed = new byte[fixedWidths[i]];
        byte[] minimal = unscaled.toByteArray();
        int pad = fixed.length - minimal.length;
        byte sign = (byte) (unscaled.signum() < 0 ? -1 : 0);
        for (int b = 0; b < pad; b++) {
          fixed[b] = sign;
        }
        System.arraycopy(minimal, 0, fixed, pad, minimal.length);
        consumer.addBinary(Binary.fromConstantByteArray(fixed));
      }
    }
  }
}
