package dev.quarry.core.formats.parquet;

import dev.quarry.core.formats.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inverse of {@link ValueDecoder} and of the JSON that {@link RowMaterializer} makes of nested
 * values: Quarry values to Parquet physical values, and JSON trees to LIST/MAP/struct groups.
 */
final class ValueEncoder {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final long JULIAN_EPOCH_DAY = 2_440_588L;

  /**
   * The physical value for a top-level column: Boolean, Integer, Long, Float, Double or Binary for
   * a primitive, the parsed JSON tree for a nested column.
   *
   * @throws IllegalArgumentException naming the column if the value does not fit
   */
  Object convert(Type type, Object v) {
    try {
      if (!type.isPrimitive() || type.isRepetition(Type.Repetition.REPEATED)) {
        if (!(v instanceof String json)) {
          throw new IllegalArgumentException("a nested value must be JSON text, got " + v.getClass().getSimpleName());
        }
        return JSON.readTree(json);
      }
      return physical(type.asPrimitiveType(), v);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "column " + type.getName() + ": cannot write " + abbreviate(v) + " as " + type + ": " + e.getMessage(), e);
    }
  }

  private static String abbreviate(Object v) {
    String s = String.valueOf(v);
    return s.length() > 60 ? s.substring(0, 60) + "..." : s;
  }

  /** Writes a converted top-level value as field {@code index} (the field is not started yet). */
  void writeField(RecordConsumer c, Type type, int index, Object converted) {
    String name = type.getName();
    if (converted instanceof JsonNode node) {
      if (node.isNull()) {
        return;
      }
      if (type.isRepetition(Type.Repetition.REPEATED)) {
        if (node.isEmpty()) {
          return;
        }
        c.startField(name, index);
        for (JsonNode element : node.values()) {
          writeNode(c, type, element);
        }
        c.endField(name, index);
        return;
      }
      c.startField(name, index);
      writeNode(c, type, node);
      c.endField(name, index);
      return;
    }
    c.startField(name, index);
    addPhysical(c, converted);
    c.endField(name, index);
  }

  private static void addPhysical(RecordConsumer c, Object p) {
    if (p instanceof Binary b) {
      c.addBinary(b);
    } else if (p instanceof Long l) {
      c.addLong(l);
    } else if (p instanceof Integer i) {
      c.addInteger(i);
    } else if (p instanceof Double d) {
      c.addDouble(d);
    } else if (p instanceof Float f) {
      c.addFloat(f);
    } else if (p instanceof Boolean b) {
      c.addBoolean(b);
    } else {
      throw new IllegalStateException("not a physical value: " + p);
    }
  }

  /** Writes one value of {@code type} whose field is already started. */
  private void writeNode(RecordConsumer c, Type type, JsonNode node) {
    if (type.isPrimitive()) {
      PrimitiveType p = type.asPrimitiveType();
      addPhysical(c, physical(p, fromJson(p, node)));
      return;
    }
    GroupType group = type.asGroupType();
    LogicalTypeAnnotation logical = group.getLogicalTypeAnnotation();
    if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation && group.getFieldCount() == 1) {
      writeList(c, group, node);
    } else if ((logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && group.getFieldCount() == 1 && !group.getType(0).isPrimitive()) {
      writeMap(c, group, node);
    } else {
      writeStruct(c, group, node);
    }
  }

  private void writeList(RecordConsumer c, GroupType list, JsonNode node) {
    c.startGroup();
    Type rep = list.getType(0);
    if (!node.isEmpty()) {
      boolean threeLevel =
          !rep.isPrimitive()
              && rep.asGroupType().getFieldCount() == 1
              && !rep.getName().equals("array")
              && !rep.getName().equals(list.getName() + "_tuple");
      c.startField(rep.getName(), 0);
      for (JsonNode element : node.values()) {
        if (threeLevel) {
          Type elementType = rep.asGroupType().getType(0);
          c.startGroup();
          if (!element.isNull()) {
            c.startField(elementType.getName(), 0);
            writeNode(c, elementType, element);
            c.endField(elementType.getName(), 0);
          }
          c.endGroup();
        } else {
          writeNode(c, rep, element);
        }
      }
      c.endField(rep.getName(), 0);
    }
    c.endGroup();
  }

  private void writeMap(RecordConsumer c, GroupType map, JsonNode node) {
    c.startGroup();
    GroupType kv = map.getType(0).asGroupType();
    if (!node.isEmpty()) {
      Type keyType = kv.getType(0);
      Type valueType = kv.getFieldCount() > 1 ? kv.getType(1) : null;
      c.startField(kv.getName(), 0);
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        c.startGroup();
        c.startField(keyType.getName(), 0);
        JsonNode key =
            keyType.isPrimitive() && isText(keyType.asPrimitiveType())
                ? JSON.getNodeFactory().stringNode(e.getKey())
                : JSON.readTree(e.getKey());
        writeNode(c, keyType, key);
        c.endField(keyType.getName(), 0);
        if (valueType != null && !e.getValue().isNull()) {
          c.startField(valueType.getName(), 1);
          writeNode(c, valueType, e.getValue());
          c.endField(valueType.getName(), 1);
        }
        c.endGroup();
      }
      c.endField(kv.getName(), 0);
    }
    c.endGroup();
  }

  private void writeStruct(RecordConsumer c, GroupType group, JsonNode node) {
    c.startGroup();
    for (int i = 0; i < group.getFieldCount(); i++) {
      Type f = group.getType(i);
      JsonNode child = node.get(f.getName());
      if (child == null || child.isNull()) {
        continue;
      }
      if (f.isRepetition(Type.Repetition.REPEATED)) {
        if (child.isEmpty()) {
          continue;
        }
        c.startField(f.getName(), i);
        for (JsonNode element : child.values()) {
          writeNode(c, f, element);
        }
        c.endField(f.getName(), i);
      } else {
        c.startField(f.getName(), i);
        writeNode(c, f, child);
        c.endField(f.getName(), i);
      }
    }
    c.endGroup();
  }

  private static boolean isText(PrimitiveType p) {
    return new ValueDecoder(p).type() == ValueType.STRING;
  }

  /** The Quarry value a JSON leaf stands for (RowMaterializer wrote times as ISO text, bytes as base64). */
  private static Object fromJson(PrimitiveType p, JsonNode n) {
    ValueType type = new ValueDecoder(p).type();
    return switch (type) {
      case STRING -> n.isString() ? n.stringValue() : n.toString();
      case INTEGER -> n.longValue();
      case FLOAT -> n.doubleValue();
      case DECIMAL -> n.isNumber() ? n.decimalValue() : new BigDecimal(n.asString());
      case BOOLEAN -> n.booleanValue();
      case DATE -> LocalDate.parse(n.asString());
      case TIME -> LocalTime.parse(n.asString());
      case DATETIME -> {
        String s = n.asString();
        yield s.endsWith("Z") || s.matches(".*[+-]\\d\\d:\\d\\d$") ? Instant.parse(s) : LocalDateTime.parse(s);
      }
      case BYTES -> Base64.getDecoder().decode(n.asString());
      case NESTED -> throw new IllegalStateException("nested type in a primitive: " + p);
    };
  }

  /** A Quarry value (see {@link ValueType}) as the physical value of {@code p}. */
  static Object physical(PrimitiveType p, Object v) {
    LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
    switch (p.getPrimitiveTypeName()) {
      case BOOLEAN:
        return (Boolean) v;
      case INT32:
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          return unscaled(d, (BigDecimal) v).intValueExact();
        }
        if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
          return Math.toIntExact(((LocalDate) v).toEpochDay());
        }
        if (logical instanceof TimeLogicalTypeAnnotation) {
          return (int) (((LocalTime) v).toNanoOfDay() / 1_000_000L);
        }
        if (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && !i.isSigned()) {
          long l = ((Number) v).longValue();
          if (l < 0 || l > 0xFFFF_FFFFL) {
            throw new ArithmeticException("out of range");
          }
          return (int) l;
        }
        return Math.toIntExact(((Number) v).longValue());
      case INT64:
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          return unscaled(d, (BigDecimal) v).longValueExact();
        }
        if (logical instanceof TimestampLogicalTypeAnnotation ts) {
          Instant instant = v instanceof LocalDateTime t ? t.toInstant(ZoneOffset.UTC) : (Instant) v;
          return epoch(instant, ts.getUnit());
        }
        if (logical instanceof TimeLogicalTypeAnnotation t) {
          long nanos = ((LocalTime) v).toNanoOfDay();
          return t.getUnit() == TimeUnit.NANOS ? nanos : nanos / 1_000L;
        }
        if (v instanceof BigDecimal big) {
          return big.toBigIntegerExact().longValue(); // uint64 above Long.MAX_VALUE wraps, as stored
        }
        return ((Number) v).longValue();
      case INT96: {
        Instant instant = v instanceof LocalDateTime t ? t.toInstant(ZoneOffset.UTC) : (Instant) v;
        long day = Math.floorDiv(instant.getEpochSecond(), 86_400L);
        long nanosOfDay =
            Math.floorMod(instant.getEpochSecond(), 86_400L) * 1_000_000_000L + instant.getNano();
        ByteBuffer buf = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(nanosOfDay).putInt(Math.toIntExact(day + JULIAN_EPOCH_DAY));
        return Binary.fromConstantByteArray(buf.array());
      }
      case FLOAT:
        return ((Number) v).floatValue();
      case DOUBLE:
        return ((Number) v).doubleValue();
      case BINARY:
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          return Binary.fromConstantByteArray(unscaled(d, (BigDecimal) v).toByteArray());
        }
        if (v instanceof String s) {
          return Binary.fromString(s);
        }
        return Binary.fromConstantByteArray((byte[]) v);
      case FIXED_LEN_BYTE_ARRAY: {
        int width = p.getTypeLength();
        if (logical instanceof DecimalLogicalTypeAnnotation d) {
          BigInteger unscaled = unscaled(d, (BigDecimal) v);
          byte[] minimal = unscaled.toByteArray();
          if (minimal.length > width) {
            throw new ArithmeticException("more digits than " + width + " bytes hold");
          }
          byte[] fixed = new byte[width];
          byte sign = (byte) (unscaled.signum() < 0 ? -1 : 0);
          for (int b = 0; b < width - minimal.length; b++) {
            fixed[b] = sign;
          }
          System.arraycopy(minimal, 0, fixed, width - minimal.length, minimal.length);
          return Binary.fromConstantByteArray(fixed);
        }
        if (logical instanceof LogicalTypeAnnotation.UUIDLogicalTypeAnnotation) {
          UUID u = UUID.fromString((String) v);
          return Binary.fromConstantByteArray(
              ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array());
        }
        if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
          throw new IllegalArgumentException("writing FLOAT16 is not supported");
        }
        byte[] bytes = v instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8) : (byte[]) v;
        if (bytes.length != width) {
          throw new IllegalArgumentException(bytes.length + " bytes for a " + width + "-byte column");
        }
        return Binary.fromConstantByteArray(bytes);
      }
      default:
        throw new IllegalArgumentException("unknown Parquet type " + p);
    }
  }

  private static BigInteger unscaled(DecimalLogicalTypeAnnotation d, BigDecimal v) {
    BigInteger u = v.setScale(d.getScale(), RoundingMode.HALF_EVEN).unscaledValue();
    if (u.abs().compareTo(BigInteger.TEN.pow(d.getPrecision())) >= 0) {
      throw new ArithmeticException("more than " + d.getPrecision() + " digits");
    }
    return u;
  }

  private static long epoch(Instant t, TimeUnit unit) {
    return switch (unit) {
      case MILLIS -> t.toEpochMilli();
      case MICROS -> Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
      case NANOS -> Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
    };
  }
}
