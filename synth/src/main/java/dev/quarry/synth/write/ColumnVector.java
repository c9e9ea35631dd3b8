package dev.quarry.synth.write;

import dev.quarry.core.formats.ValueType;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * One column of a {@link RowBlock}: its values for the block's rows, held in the cheapest form the
 * generator can give, so writers format numbers, dates and pooled strings without a boxed object per
 * cell. The form is fixed when the vector is made:
 *
 * <ul>
 *   <li>{@link Form#LONG}: INTEGER as is, DECIMAL as the unscaled value at the column's scale,
 *       BOOLEAN as 0 or 1, DATE as the epoch day, TIME as the nano of day, DATETIME as the UTC epoch
 *       second;
 *   <li>{@link Form#DOUBLE}: FLOAT;
 *   <li>{@link Form#DICTIONARY}: STRING as an index into a dictionary shared by many rows (enum
 *       values, faker pools), so a writer can encode each distinct string once;
 *   <li>{@link Form#OBJECT}: any type as the boxed value {@link OutputColumn} describes.
 * </ul>
 *
 * {@link #get} gives every form back as that boxed value. Not thread-safe.
 */
public final class ColumnVector {

  /** How the values are held. */
  public enum Form { LONG, DOUBLE, DICTIONARY, OBJECT }

  private final OutputColumn column;
  private final Form form;
  private final boolean[] nulls;
  private final long[] longs;
  private final double[] doubles;
  private final int[] ids;
  private final Object[] objects;
  private Dictionary dictionary;

  ColumnVector(OutputColumn column, Form form, int capacity) {
    if (form == Form.LONG && !holdsLongs(column.type())) {
      throw new IllegalArgumentException("column " + column.name() + ": " + column.type() + " values cannot be held as longs");
    }
    if (form == Form.DOUBLE && column.type() != ValueType.FLOAT
        || form == Form.DICTIONARY && column.type() != ValueType.STRING) {
      throw new IllegalArgumentException("column " + column.name() + ": " + column.type() + " values cannot be held as " + form);
    }
    this.column = column;
    this.form = form;
    this.nulls = new boolean[capacity];
    this.longs = form == Form.LONG ? new long[capacity] : null;
    this.doubles = form == Form.DOUBLE ? new double[capacity] : null;
    this.ids = form == Form.DICTIONARY ? new int[capacity] : null;
    this.objects = form == Form.OBJECT ? new Object[capacity] : null;
  }

  /** Whether values of {@code type} have a {@link Form#LONG} encoding. */
  public static boolean holdsLongs(ValueType type) {
    return switch (type) {
      case INTEGER, DECIMAL, BOOLEAN, DATE, TIME, DATETIME -> true;
      default -> false;
    };
  }

  public OutputColumn column() {
    return column;
  }

  public Form form() {
    return form;
  }

  public boolean isNull(int row) {
    return nulls[row];
  }

  public long getLong(int row) {
    return longs[row];
  }

  public double getDouble(int row) {
    return doubles[row];
  }

  /** The row's index into {@link #dictionary()}. */
  public int getId(int row) {
    return ids[row];
  }

  /** The strings {@link #getId} indexes. */
  public Dictionary dictionary() {
    if (dictionary == null) {
      throw new IllegalStateException("column " + column.name() + " has ids but no dictionary");
    }
    return dictionary;
  }

  public Object getObject(int row) {
    return objects[row];
  }

  /** The row's value as the boxed class of its type (null when null). */
  public Object get(int row) {
    if (nulls[row]) {
      return null;
    }
    return switch (form) {
      case LONG -> box(column, longs[row]);
      case DOUBLE -> doubles[row];
      case DICTIONARY -> dictionary().get(ids[row]);
      case OBJECT -> objects[row];
    };
  }

  /** The boxed value of a {@link Form#LONG} encoding of {@code column}'s type. */
  public static Object box(OutputColumn column, long v) {
    return box(column.type(), column.scale(), v);
  }

  /** The boxed value of a {@link Form#LONG} encoding of {@code type} ({@code scale} for DECIMAL). */
  public static Object box(ValueType type, int scale, long v) {
    return switch (type) {
      case INTEGER -> v;
      case DECIMAL -> BigDecimal.valueOf(v, scale);
      case BOOLEAN -> v != 0;
      case DATE -> LocalDate.ofEpochDay(v);
      case TIME -> LocalTime.ofNanoOfDay(v);
      case DATETIME -> LocalDateTime.ofEpochSecond(v, 0, ZoneOffset.UTC);
      default -> throw new IllegalStateException(type + " is not held as a long");
    };
  }

  // --- filled by the generator ---

  public void setNull(int row) {
    nulls[row] = true;
  }

  public void setLong(int row, long v) {
    nulls[row] = false;
    longs[row] = v;
  }

  public void setDouble(int row, double v) {
    nulls[row] = false;
    doubles[row] = v;
  }

  public void setId(int row, int id) {
    nulls[row] = false;
    ids[row] = id;
  }

  public void setObject(int row, Object v) {
    nulls[row] = v == null;
    objects[row] = v;
  }

  /** Sets the dictionary of a {@link Form#DICTIONARY} vector, before its ids. */
  public void dictionary(Dictionary values) {
    if (form != Form.DICTIONARY) {
      throw new IllegalStateException("column " + column.name() + " is not a dictionary vector");
    }
    this.dictionary = values;
  }

  /** Drops object references so a reused block does not keep the last rows' values alive. */
  void clearObjects() {
    if (objects != null) {
      Arrays.fill(objects, null);
    }
  }
}
