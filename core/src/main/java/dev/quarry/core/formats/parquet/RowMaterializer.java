package dev.quarry.core.formats.parquet;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.ValueType;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.RecordMaterializer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assembles Parquet records straight into {@code Object[]} rows, with no intermediate Group objects.
 *
 * <p>Layout: non-repeated groups (structs) are flattened into dotted column names ({@code a.b.c});
 * anything repeated, and LIST/MAP groups, becomes one {@link ValueType#NESTED} column holding the
 * value as JSON text. While a record is assembled a nested slot holds Java lists and maps; they are
 * written as JSON once the record ends.
 */
final class RowMaterializer extends RecordMaterializer<Object[]> {

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN).build();

  private final List<Column> columns = new ArrayList<>();
  private final List<Integer> nestedSlots = new ArrayList<>();
  private final RootConverter root;
  private Object[] row;

  RowMaterializer(MessageType schema) {
    root = new RootConverter(schema);
  }

  /** The flattened columns, in schema order. */
  List<Column> columns() {
    return columns;
  }

  @Override
  public Object[] getCurrentRecord() {
    return row;
  }

  @Override
  public GroupConverter getRootConverter() {
    return root;
  }

  private static boolean isNested(Type field) {
    LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
    return field.isRepetition(Type.Repetition.REPEATED)
        || logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation;
  }

  /** The converters of a struct that is flattened into the row: its own or the root's fields. */
  private class FlatGroupConverter extends GroupConverter {
    private final Converter[] children;
    /** Slots of directly repeated fields: an empty list when the group is present. */
    private final List<Integer> repeatedSlots = new ArrayList<>();

    FlatGroupConverter(GroupType group, String prefix) {
      children = new Converter[group.getFieldCount()];
      for (int f = 0; f < children.length; f++) {
        Type field = group.getType(f);
        String name = prefix + field.getName();
        if (!isNested(field) && field.isPrimitive()) {
          ValueDecoder decoder = new ValueDecoder(field.asPrimitiveType());
          int slot = addColumn(name, decoder.type());
          children[f] = decoder.converter(v -> row[slot] = v);
        } else if (!isNested(field)) {
          children[f] = new FlatGroupConverter(field.asGroupType(), name + ".");
        } else {
          int slot = addColumn(name, ValueType.NESTED);
          nestedSlots.add(slot);
          if (field.isRepetition(Type.Repetition.REPEATED)) {
            repeatedSlots.add(slot);
            children[f] = nestedConverter(field, v -> listAt(slot).add(v));
          } else {
            children[f] = nestedConverter(field, v -> row[slot] = v);
          }
        }
      }
    }

    private int addColumn(String name, ValueType type) {
      columns.add(new Column(name, type, name));
      return columns.size() - 1;
    }

    @SuppressWarnings("unchecked")
    private List<Object> listAt(int slot) {
      return (List<Object>) row[slot];
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      for (int slot : repeatedSlots) {
        row[slot] = new ArrayList<>();
      }
    }

    @Override
    public void end() {}
  }

  private final class RootConverter extends FlatGroupConverter {
    RootConverter(MessageType schema) {
      super(schema, "");
    }

    @Override
    public void start() {
      row = new Object[columns.size()];
      super.start();
    }

    @Override
    public void end() {
      for (int slot : nestedSlots) {
        if (row[slot] != null) {
          row[slot] = JSON.writeValueAsString(row[slot]);
        }
      }
    }
  }

  /** A converter for a value inside a nested column, handing a JSON-ready value to {@code sink}. */
  private static Converter nestedConverter(Type type, Consumer<Object> sink) {
    if (type.isPrimitive()) {
      return new ValueDecoder(type.asPrimitiveType()).converter(v -> sink.accept(jsonValue(v)));
    }
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    GroupType group = type.asGroupType();
    if (logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        && group.getFieldCount() == 1) {
      return new ListConverter(group, sink);
    }
    if ((logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
            || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation)
        && group.getFieldCount() == 1
        && !group.getType(0).isPrimitive()
        && group.getType(0).asGroupType().getFieldCount() <= 2) {
      return new MapConverter(group, sink);
    }
    return new StructConverter(group, sink);
  }

  /** Values JSON has no type for are written as text: ISO-8601 times, base64 bytes. */
  private static Object jsonValue(Object v) {
    if (v instanceof Temporal) {
      return v.toString();
    }
    if (v instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    return v;
  }

  /** A struct inside a nested value: a JSON object with every field, null when absent. */
  private static final class StructConverter extends GroupConverter {
    private final GroupType group;
    private final Consumer<Object> sink;
    private final Converter[] children;
    private Map<String, Object> current;

    StructConverter(GroupType group, Consumer<Object> sink) {
      this.group = group;
      this.sink = sink;
      children = new Converter[group.getFieldCount()];
      for (int f = 0; f < children.length; f++) {
        Type field = group.getType(f);
        String name = field.getName();
        children[f] =
            field.isRepetition(Type.Repetition.REPEATED)
                ? nestedConverter(field, v -> listField(name).add(v))
                : nestedConverter(field, v -> current.put(name, v));
      }
    }

    @SuppressWarnings("unchecked")
    private List<Object> listField(String name) {
      return (List<Object>) current.get(name);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return children[fieldIndex];
    }

    @Override
    public void start() {
      current = new LinkedHashMap<>();
      for (Type field : group.getFields()) {
        current.put(field.getName(), field.isRepetition(Type.Repetition.REPEATED) ? new ArrayList<>() : null);
      }
    }

    @Override
    public void end() {
      sink.accept(current);
    }
  }

  /**
   * A LIST group, in the standard three-level form or any of the legacy two-level forms that the
   * Parquet format's backward-compatibility rules describe.
   */
  private static final class ListConverter extends GroupConverter {
    private final Consumer<Object> sink;
    private final Converter repeated;
    private List<Object> current;

    ListConverter(GroupType list, Consumer<Object> sink) {
      this.sink = sink;
      Type rep = list.getType(0);
      Consumer<Object> add = v -> current.add(v);
      if (rep.isPrimitive()
          || rep.asGroupType().getFieldCount() != 1
          || rep.getName().equals("array")
          || rep.getName().equals(list.getName() + "_tuple")) {
        repeated = nestedConverter(rep, add); // the repeated field is the element itself
      } else {
        repeated = new ElementConverter(rep.asGroupType().getType(0), add);
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return repeated;
    }

    @Override
    public void start() {
      current = new ArrayList<>();
    }

    @Override
    public void end() {
      sink.accept(current);
    }
  }

  /** The {@code repeated group list { element }} level: yields the element, or null if absent. */
  private static final class ElementConverter extends GroupConverter {
    private final Consumer<Object> sink;
    private final Converter element;
    private Object pending;

    ElementConverter(Type elementType, Consumer<Object> sink) {
      this.sink = sink;
      this.element = nestedConverter(elementType, v -> pending = v);
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return element;
    }

    @Override
    public void start() {
      pending = null;
    }

    @Override
    public void end() {
      sink.accept(pending);
    }
  }

  /** A MAP group: a JSON object; keys that are not text are written as their JSON text. */
  private static final class MapConverter extends GroupConverter {
    private final Consumer<Object> sink;
    private final GroupConverter entries;
    private Map<String, Object> current;
    private Object key;
    private Object value;

    MapConverter(GroupType map, Consumer<Object> sink) {
      this.sink = sink;
      GroupType keyValue = map.getType(0).asGroupType();
      Converter keyConverter = nestedConverter(keyValue.getType(0), v -> key = v);
      Converter valueConverter =
          keyValue.getFieldCount() > 1 ? nestedConverter(keyValue.getType(1), v -> value = v) : null;
      entries =
          new GroupConverter() {
            @Override
            public Converter getConverter(int fieldIndex) {
              return fieldIndex == 0 ? keyConverter : valueConverter;
            }

            @Override
            public void start() {
              key = null;
              value = null;
            }

            @Override
            public void end() {
              current.put(key instanceof String s ? s : JSON.writeValueAsString(key), value);
            }
          };
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return entries;
    }

    @Override
    public void start() {
      current = new LinkedHashMap<>();
    }

    @Override
    public void end() {
      sink.accept(current);
    }
  }
}
