package dev.quarry.core.formats.parquet;

import dev.quarry.core.formats.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Turns the physical values of one Parquet primitive column into the Java classes that
 * {@link ValueType} fixes, honouring the column's logical type. Used both for rows (through
 * {@link #converter}) and for footer statistics (through {@link #decode}).
 */
final class ValueDecoder {

  /** Days from the Julian day epoch to 1970-01-01, for INT96 timestamps. */
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final PrimitiveType primitive;
  private final ValueType type;

  ValueDecoder(PrimitiveType primitive) {
    this.primitive = primitive;
    this.type = typeOf(primitive);
  }

  ValueType type() {
    return type;
  }

  /** The Quarry value for a physical value as parquet-java hands it out (also in statistics). */
  Object decode(Object physical) {
    if (physical == null) {
      return null;
    }
    if (physical instanceof Integer i) {
      return fromInt(i);
    }
    if (physical instanceof Long l) {
      return fromLong(l);
    }
    if (physical instanceof Binary b) {
      return fromBinary(b);
    }
    if (physical instanceof Float f) {
      return f.doubleValue();
    }
    return physical; // Boolean, Double
  }

  /** A converter handing each decoded value to {@code sink}; dictionary entries are decoded once. */
  PrimitiveConverter converter(Consumer<Object> sink) {
    return new DecodingConverter(sink);
  }

  private static ValueType typeOf(PrimitiveType p) {
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return ValueType.BOOLEAN;
      case FLOAT:
      case DOUBLE:
        return ValueType.FLOAT;
      case INT96:
        return ValueType.DATETIME;
      case INT32:
      case INT64:
        if (logical instanceof DecimalLogicalTypeAnnotation) {
          return ValueType.DECIMAL;
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return ValueType.DATE;
        }
        if (logical instanceof TimeLogicalTypeAnnotation) {
          return ValueType.TIME;
        }
        if (logical instanceof TimestampLogicalTypeAnnotation) {
          return ValueType.DATETIME;
        }
        if (logical instanceof IntLogicalTypeAnnotation i
            && !i.isSigned()
            && i.getBitWidth() == 64) {
          return ValueType.DECIMAL; // a uint64 above Long.MAX_VALUE has no Long
        }
        return ValueType.INTEGER;
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        if (logical instanceof DecimalLogicalTypeAnnotation) {
          return ValueType.DECIMAL;
        }
        if (logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
          return ValueType.STRING;
        }
        if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
          return ValueType.FLOAT;
        }
        return ValueType.BYTES;
      default:
        throw new IllegalArgumentException("unknown Parquet type " + p);
    }
  }

  private Object fromInt(int v) {
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation d) {
      return BigDecimal.valueOf(v, d.getScale());
    }
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return LocalDate.ofEpochDay(v);
    }
    if (logical instanceof TimeLogicalTypeAnnotation) {
      return LocalTime.ofNanoOfDay(v * 1_000_000L); // INT32 times are always millis
    }
    if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
      return Integer.toUnsignedLong(v);
    }
    return (long) v;
  }

  private Object fromLong(long v) {
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation d) {
      return BigDecimal.valueOf(v, d.getScale());
    }
    if (logical instanceof TimestampLogicalTypeAnnotation ts) {
      Instant instant = instant(v, ts.getUnit());
      return ts.isAdjustedToUTC() ? instant : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
    if (logical instanceof TimeLogicalTypeAnnotation t) {
      return LocalTime.ofNanoOfDay(t.getUnit() == TimeUnit.MICROS ? v * 1_000L : v);
    }
    if (logical instanceof IntLogicalTypeAnnotation i && !i.isSigned()) {
      return new BigDecimal(new BigInteger(Long.toUnsignedString(v)));
    }
    return v;
  }

  private static Instant instant(long v, TimeUnit unit) {
    switch (unit) {
      case MILLIS:
        return Instant.ofEpochMilli(v);
      case MICROS:
        return Instant.ofEpochSecond(Math.floorDiv(v, 1_000_000L), Math.floorMod(v, 1_000_000L) * 1_000L);
      default:
        return Instant.ofEpochSecond(Math.floorDiv(v, NANOS_PER_SECOND), Math.floorMod(v, NANOS_PER_SECOND));
    }
  }

  private Object fromBinary(Binary b) {
    if (primitive.getPrimitiveTypeName() == PrimitiveType.PrimitiveTypeName.INT96) {
      return int96Instant(b);
    }
    LogicalTypeAnnotation logical = primitive.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation d) {
      return new BigDecimal(new BigInteger(b.getBytes()), d.getScale());
    }
    if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
      ByteBuffer buf = b.toByteBuffer();
      return new UUID(buf.getLong(buf.position()), buf.getLong(buf.position() + 8)).toString();
    }
    if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
      ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
      return (double) halfToFloat(buf.getShort(buf.position()));
    }
    if (type == ValueType.STRING) {
      return b.toStringUsingUTF8();
    }
    // Always a fresh array: a Binary may share its page's buffer, and callers may keep rows.
    ByteBuffer buf = b.toByteBuffer();
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    return out;
  }

  /** Legacy Impala/Spark timestamps: 8 bytes nanos of day then 4 bytes Julian day, little-endian. */
  private static Instant int96Instant(Binary b) {
    ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    long nanosOfDay = buf.getLong(buf.position());
    long julianDay = Integer.toUnsignedLong(buf.getInt(buf.position() + 8));
    return Instant.ofEpochSecond((julianDay - JULIAN_EPOCH_DAY) * 86_400L, nanosOfDay);
  }

  /** IEEE 754 half precision to float; Java 17 has no Float.float16ToFloat (added in 20). */
  private static float halfToFloat(short half) {
    int h = half & 0xffff;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1f;
    int mantissa = h & 0x3ff;
    float magnitude;
    if (exp == 0) {
      magnitude = mantissa * 0x1p-24f; // subnormal
    } else if (exp == 0x1f) {
      magnitude = mantissa == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
    } else {
      magnitude = (1 + mantissa / 1024f) * (float) Math.pow(2, exp - 15);
    }
    return sign == 0 ? magnitude : -magnitude;
  }

  private final class DecodingConverter extends PrimitiveConverter {
    private final Consumer<Object> sink;
    private Object[] dictionary;

    DecodingConverter(Consumer<Object> sink) {
      this.sink = sink;
    }

    @Override
    public boolean hasDictionarySupport() {
      return true;
    }

    @Override
    public void setDictionary(Dictionary d) {
      Object[] decoded = new Object[d.getMaxId() + 1];
      for (int id = 0; id < decoded.length; id++) {
        decoded[id] = decode(physical(d, id));
      }
      dictionary = decoded;
    }

    private Object physical(Dictionary d, int id) {
      switch (primitive.getPrimitiveTypeName()) {
        case INT32:
          return d.decodeToInt(id);
        case INT64:
          return d.decodeToLong(id);
        case FLOAT:
          return d.decodeToFloat(id);
        case DOUBLE:
          return d.decodeToDouble(id);
        case BOOLEAN:
          return d.decodeToBoolean(id);
        default:
          return d.decodeToBinary(id);
      }
    }

    @Override
    public void addValueFromDictionary(int id) {
      Object v = dictionary[id];
      sink.accept(v instanceof byte[] bytes ? bytes.clone() : v);
    }

    @Override
    public void addBinary(Binary value) {
      sink.accept(fromBinary(value));
    }

    @Override
    public void addBoolean(boolean value) {
      sink.accept(value);
    }

    @Override
    public void addDouble(double value) {
      sink.accept(value);
    }

    @Override
    public void addFloat(float value) {
      // Exact widening: 0.1f reads as 0.10000000149011612, the value the file really holds.
      sink.accept((double) value);
    }

    @Override
    public void addInt(int value) {
      sink.accept(fromInt(value));
    }

    @Override
    public void addLong(long value) {
      sink.accept(fromLong(value));
    }
  }
}
