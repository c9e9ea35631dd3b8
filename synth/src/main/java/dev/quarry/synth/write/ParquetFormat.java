package dev.quarry.synth.write;

import dev.quarry.core.formats.ValueType;
import dev.quarry.core.formats.parquet.StreamOutputFile;
import dev.quarry.core.formats.parquet.WriteSupportBuilder;
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

  private static final long serialVersionUID = 1L;

  /** Smaller than parquet-java's 128 MiB default, since several shards may be open at once. */
  static final int ROW_GROUP_BYTES = 64 << 20;

  private final CompressionCodecName codec;

  ParquetFormat(CompressionCodecName codec) {
    this.codec = codec;
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
    ParquetWriter<Object[]> writer = new WriteSupportBuilder<>(new StreamOutputFile(out), support)
        .withConf(new PlainParquetConfiguration())
        .withCompressionCodec(codec)
        .withRowGroupSize((long) ROW_GROUP_BYTES)
        .build();
    return new RowWriter() {
      @Override
      public void write(Object[] row) throws IOException {
        ValueText.checkRow(columns, row);
        support.prepare(row); // converts; throws on a bad value before parquet-java sees the row
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

  /** Turns a row into record-consumer calls; a null simply leaves its (OPTIONAL) field out. */
  private static final class RowsWriteSupport extends WriteSupport<Object[]> {
    private final MessageType type;
    private final OutputColumn[] columns;
    private final String[] names;
    private final BigInteger[] limits; // 10^precision per DECIMAL column, for the overflow check
    private final int[] fixedWidths; // bytes per FIXED_LEN_BYTE_ARRAY decimal
    private final PrimitiveTypeName[] physical;
    // the current row converted by prepare(): numbers, dates and booleans as longs, else Binary
    private final long[] longs;
    private final Binary[] binaries;
    private RecordConsumer consumer;

    RowsWriteSupport(MessageType type, OutputColumn[] columns) {
      this.type = type;
      this.columns = columns;
      this.names = new String[columns.length];
      this.limits = new BigInteger[columns.length];
      this.fixedWidths = new int[columns.length];
      this.physical = new PrimitiveTypeName[columns.length];
      this.longs = new long[columns.length];
      this.binaries = new Binary[columns.length];
      for (int i = 0; i < columns.length; i++) {
        names[i] = columns[i].name();
        physical[i] = type.getType(i).asPrimitiveType().getPrimitiveTypeName();
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

    /**
     * Validates a row and converts it to Parquet's primitives, so that a bad value fails here, with
     * its column named, rather than halfway through a record (which would abort parquet-java's
     * writer and lose the file).
     */
    void prepare(Object[] row) {
      for (int i = 0; i < columns.length; i++) {
        Object v = row[i];
        OutputColumn c = columns[i];
        if (v == null) {
          continue;
        }
        try {
          switch (c.type()) {
            case STRING -> binaries[i] = Binary.fromString((String) v);
            case INTEGER -> longs[i] = ((Number) v).longValue();
            case FLOAT -> longs[i] = Double.doubleToRawLongBits(((Number) v).doubleValue());
            case DECIMAL -> decimal(i, c, (BigDecimal) v);
            case BOOLEAN -> longs[i] = (Boolean) v ? 1 : 0;
            case DATE -> longs[i] = Math.toIntExact(((LocalDate) v).toEpochDay());
            case TIME -> longs[i] = ((LocalTime) v).toNanoOfDay() / 1_000;
            case DATETIME -> {
              LocalDateTime t = (LocalDateTime) v;
              longs[i] = Math.addExact(
                  Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000L), t.getNano() / 1_000);
            }
            default -> throw new IllegalStateException("unsupported type " + c.type());
          }
        } catch (ArithmeticException e) { // rounding past the precision, a date beyond INT64 micros
          throw new IllegalArgumentException(
              "column " + c.name() + " (" + c.type() + "): cannot write " + v + ": " + e.getMessage(), e);
        }
      }
    }

    /** Writes the row {@link #prepare} just converted. */
    @Override
    public void write(Object[] row) {
      consumer.startMessage();
      for (int i = 0; i < columns.length; i++) {
        if (row[i] == null) {
          continue; // OPTIONAL: an absent field is a null
        }
        consumer.startField(names[i], i);
        switch (physical[i]) {
          case BINARY, FIXED_LEN_BYTE_ARRAY -> consumer.addBinary(binaries[i]);
          case INT64 -> consumer.addLong(longs[i]);
          case INT32 -> consumer.addInteger((int) longs[i]);
          case DOUBLE -> consumer.addDouble(Double.longBitsToDouble(longs[i]));
          case BOOLEAN -> consumer.addBoolean(longs[i] != 0);
          default -> throw new IllegalStateException("unexpected " + physical[i]);
        }
        consumer.endField(names[i], i);
      }
      consumer.endMessage();
    }

    private void decimal(int i, OutputColumn c, BigDecimal v) {
      BigInteger unscaled = v.setScale(c.scale(), RoundingMode.HALF_EVEN).unscaledValue();
      if (unscaled.abs().compareTo(limits[i]) >= 0) {
        throw new ArithmeticException("more than " + c.precision() + " digits");
      }
      if (c.precision() <= 18) {
        longs[i] = unscaled.longValue();
        return;
      }
      // big-endian two's complement, sign-extended to the fixed width; a fresh array because
      // parquet-java keeps values (dictionary, statistics) beyond this row
      byte[] fixed = new byte[fixedWidths[i]];
      byte[] minimal = unscaled.toByteArray();
      int pad = fixed.length - minimal.length;
      byte sign = (byte) (unscaled.signum() < 0 ? -1 : 0);
      for (int b = 0; b < pad; b++) {
        fixed[b] = sign;
      }
      System.arraycopy(minimal, 0, fixed, pad, minimal.length);
      binaries[i] = Binary.fromConstantByteArray(fixed);
    }
  }
}
