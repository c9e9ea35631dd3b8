package dev.quarry.core.formats.parquet;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.storage.InputFile;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.GroupType;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.apache.parquet.schema.Types;

/**
 * Writes rows in the shape {@link ParquetTable} reads them ({@code Object[]} aligned with a {@link
 * Schema}) as a Parquet file, streaming: memory is bounded by one row group, not by the row count.
 *
 * <p>A <em>template</em> (the Parquet schema of the file the rows came from, see {@link
 * #fileSchema}) makes a read-transform-write round trip keep the original physical types: a column
 * found in the template keeps its type (INT32 stays INT32, TIMESTAMP(NANOS) stays NANOS), dotted
 * columns that {@link ParquetTable} flattened out of a struct are grouped back into that struct, and
 * {@link ValueType#NESTED} columns (JSON text) are written back as their LIST/MAP/struct groups.
 * Columns not in the template get a type from their {@link ValueType} (STRING → BINARY (STRING),
 * INTEGER → INT64, FLOAT → DOUBLE, DECIMAL → BINARY DECIMAL(38, 9) (a schema carries no
 * precision; values are rounded half-even to 9 decimals), BOOLEAN, DATE, TIME(MICROS), DATETIME →
 * TIMESTAMP(MICROS), BYTES → BINARY, NESTED → BINARY (JSON)). Every column is OPTIONAL.
 *
 * <p>A struct whose leaves are all null is written as a null struct (the flattened rows cannot tell
 * the two apart).
 */
public final class ParquetTableWriter implements Closeable {

  /**
   * @param codec compression of the pages
   * @param rowGroupBytes target row group size; smaller than parquet-java's 128 MiB default because
   *     several writers may be open at once (one per worker)
   */
  public record Options(CompressionCodecName codec, long rowGroupBytes) {
    public static Options defaults() {
      return new Options(CompressionCodecName.SNAPPY, 64L << 20);
    }
  }

  private final ParquetWriter<Object[]> writer;
  private final MessageType messageType;
  private final RowWriteSupport support;
  private final StreamOutputFile target;
  private long rows;

  private ParquetTableWriter(OutputStream out, Schema schema, MessageType template, Options options)
      throws IOException {
    List<FieldPlan> plan = plan(schema, template);
    List<Type> fields = new ArrayList<>();
    for (FieldPlan f : plan) {
      fields.add(f.type());
    }
    this.messageType = new MessageType(template == null ? "schema" : template.getName(), fields);
    this.support = new RowWriteSupport(messageType, plan);
    this.target = new StreamOutputFile(out);
    this.writer =
        new WriteSupportBuilder<>(target, support)
            .withConf(new PlainParquetConfiguration())
            .withCompressionCodec(options.codec())
            .withRowGroupSize(options.rowGroupBytes())
            .build();
  }

  /** Starts a Parquet file on {@code out}; {@link #close()} writes the footer and leaves {@code out} open. */
  public static ParquetTableWriter open(
      OutputStream out, Schema schema, MessageType template, Options options) throws IOException {
    return new ParquetTableWriter(out, schema, template, options);
  }

  public static ParquetTableWriter open(OutputStream out, Schema schema, MessageType template)
      throws IOException {
    return open(out, schema, template, Options.defaults());
  }

  /** The Parquet schema of an existing file (its footer only), to use as a template. */
  public static MessageType fileSchema(InputFile file) throws IOException {
    try (ParquetFileReader reader =
        ParquetFileReader.open(new RangeInputFile(file), ParquetReadOptions.builder().build())) {
      return reader.getFooter().getFileMetaData().getSchema();
    } catch (RuntimeException e) {
      throw new UnreadableInputException(
          file.location() + " is not a readable Parquet file: " + e.getMessage(), e);
    }
  }

  /** The schema being written. */
  public MessageType messageType() {
    return messageType;
  }

  /**
   * Appends one row. A value that does not fit its column fails here, naming the column, before
   * any of the row reaches the file.
   */
  public void write(Object[] row) throws IOException {
    support.check(row);
    writer.write(row);
    rows++;
  }

  public long rowCount() {
    return rows;
  }

  /** Bytes written so far plus those buffered for the current row group (an estimate of the file size). */
  public long dataSize() {
    return writer.getDataSize();
  }

  /** Bytes handed to the stream so far. */
  public long bytesWritten() {
    return target.position();
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  // ---------------------------------------------------------------- planning

  /** A top-level field of the output and where its values come from. */
  sealed interface FieldPlan permits Leaf, Struct {
    Type type();
  }

  /** One column of the row: a primitive, or a nested value held as JSON text. */
  record Leaf(int slot, Type type) implements FieldPlan {}

  /** A struct rebuilt from the dotted columns it was flattened into. */
  record Struct(GroupType type, List<FieldPlan> children) implements FieldPlan {}

  private static List<FieldPlan> plan(Schema schema, MessageType template) {
    List<FieldPlan> top = new ArrayList<>();
    // struct nodes by dotted path, so that a.b.x and a.b.y land in one a { b { x y } }
    Map<String, MutableStruct> structs = new LinkedHashMap<>();
    List<Object> order = new ArrayList<>(); // Leaf or MutableStruct, in first-seen order
    for (int i = 0; i < schema.size(); i++) {
      Column c = schema.column(i);
      Type exact = template == null ? null : field(template, c.name());
      if (exact != null && compatible(exact, c.type())) {
        order.add(new Leaf(i, exact));
        continue;
      }
      List<GroupType> path = template == null ? null : structPath(template, c.name());
      if (path != null) {
        String leafName = c.name();
        MutableStruct parent = null;
        String prefix = "";
        for (GroupType g : path) {
          prefix = prefix.isEmpty() ? g.getName() : prefix + "." + g.getName();
          MutableStruct s = structs.get(prefix);
          if (s == null) {
            s = new MutableStruct(g);
            structs.put(prefix, s);
            if (parent == null) {
              order.add(s);
            } else {
              parent.children.add(s);
            }
          }
          parent = s;
        }
        String last = leafName.substring(prefix.length() + 1);
        parent.children.add(new Leaf(i, parent.group.getType(last)));
        continue;
      }
      order.add(new Leaf(i, typeFor(c)));
    }
    for (Object o : order) {
      top.add(o instanceof MutableStruct s ? s.freeze() : (FieldPlan) o);
    }
    return top;
  }

  private static final class MutableStruct {
    final GroupType group;
    final List<Object> children = new ArrayList<>();

    MutableStruct(GroupType group) {
      this.group = group;
    }

    Struct freeze() {
      List<FieldPlan> kids = new ArrayList<>();
      List<Type> types = new ArrayList<>();
      for (Object o : children) {
        FieldPlan p = o instanceof MutableStruct s ? s.freeze() : (FieldPlan) o;
        kids.add(p);
        types.add(p.type());
      }
      GroupType type =
          group.withNewFields(types);
      return new Struct(type, kids);
    }
  }

  private static Type field(GroupType group, String name) {
    return group.containsField(name) ? group.getType(name) : null;
  }

  /** The chain of non-nested struct groups a dotted name runs through, ending at a leaf; or null. */
  private static List<GroupType> structPath(GroupType root, String dotted) {
    List<GroupType> path = new ArrayList<>();
    GroupType current = root;
    String rest = dotted;
    while (true) {
      int dot = rest.indexOf('.');
      if (dot < 0) {
        return path.isEmpty() || !current.containsField(rest) ? null : path;
      }
      String head = rest.substring(0, dot);
      if (!current.containsField(head)) {
        return null;
      }
      Type t = current.getType(head);
      if (t.isPrimitive() || isNested(t)) {
        // a field literally named with a dot inside this group
        return path.isEmpty() || !current.containsField(rest) ? null : path;
      }
      current = t.asGroupType();
      path.add(current);
      rest = rest.substring(dot + 1);
    }
  }

  private static boolean isNested(Type t) {
    LogicalTypeAnnotation logical = t.getLogicalTypeAnnotation();
    return t.isRepetition(Type.Repetition.REPEATED)
        || logical instanceof LogicalTypeAnnotation.ListLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.MapLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.MapKeyValueTypeAnnotation;
  }

  /** Whether the template's field can hold the column's values as the reader produced them. */
  private static boolean compatible(Type t, ValueType type) {
    if (isNested(t)) {
      return type == ValueType.NESTED;
    }
    if (!t.isPrimitive()) {
      return false; // a struct read back as flattened columns never has the struct's own name
    }
    return new ValueDecoder(t.asPrimitiveType()).type() == type;
  }

  private static Type typeFor(Column c) {
    Type.Repetition r = Type.Repetition.OPTIONAL;
    String n = c.name();
    return switch (c.type()) {
      case STRING -> Types.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.stringType()).named(n);
      case INTEGER -> Types.primitive(PrimitiveTypeName.INT64, r).named(n);
      case FLOAT -> Types.primitive(PrimitiveTypeName.DOUBLE, r).named(n);
      case DECIMAL -> Types.primitive(PrimitiveTypeName.BINARY, r)
          .as(LogicalTypeAnnotation.decimalType(9, 38)).named(n);
      case BOOLEAN -> Types.primitive(PrimitiveTypeName.BOOLEAN, r).named(n);
      case DATE -> Types.primitive(PrimitiveTypeName.INT32, r).as(LogicalTypeAnnotation.dateType()).named(n);
      case TIME -> Types.primitive(PrimitiveTypeName.INT64, r)
          .as(LogicalTypeAnnotation.timeType(false, TimeUnit.MICROS)).named(n);
      case DATETIME -> Types.primitive(PrimitiveTypeName.INT64, r)
          .as(LogicalTypeAnnotation.timestampType(false, TimeUnit.MICROS)).named(n);
      case BYTES -> Types.primitive(PrimitiveTypeName.BINARY, r).named(n);
      case NESTED -> Types.primitive(PrimitiveTypeName.BINARY, r).as(LogicalTypeAnnotation.jsonType()).named(n);
    };
  }

  // ---------------------------------------------------------------- writing

  private static final class RowWriteSupport extends WriteSupport<Object[]> {
    private final MessageType type;
    private final List<FieldPlan> plan;
    private final ValueEncoder encoder = new ValueEncoder();
    /** The current row's physical values by slot, filled by check() and written by write(). */
    private Object[] converted = new Object[0];
    private RecordConsumer consumer;

    RowWriteSupport(MessageType type, List<FieldPlan> plan) {
      this.type = type;
      this.plan = plan;
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
      return "quarry";
    }

    @Override
    public void prepareForWrite(RecordConsumer recordConsumer) {
      this.consumer = recordConsumer;
    }

    /** Converts every value once without writing, so a bad one fails before the record starts. */
    void check(Object[] row) {
      if (converted.length < row.length) {
        converted = new Object[row.length];
      }
      checkFields(plan, row);
    }

    private void checkFields(List<FieldPlan> fields, Object[] row) {
      for (FieldPlan f : fields) {
        if (f instanceof Leaf leaf) {
          Object v = row[leaf.slot()];
          converted[leaf.slot()] = v == null ? null : encoder.convert(leaf.type(), v);
        } else {
          checkFields(((Struct) f).children(), row);
        }
      }
    }

    @Override
    public void write(Object[] row) {
      consumer.startMessage();
      writeFields(plan, row);
      consumer.endMessage();
    }

    private void writeFields(List<FieldPlan> fields, Object[] row) {
      for (int i = 0; i < fields.size(); i++) {
        FieldPlan f = fields.get(i);
        String name = f.type().getName();
        if (f instanceof Leaf leaf) {
          Object v = row[leaf.slot()];
          if (v == null) {
            continue;
          }
          encoder.writeField(consumer, leaf.type(), i, converted[leaf.slot()]);
        } else {
          Struct s = (Struct) f;
          if (allNull(s, row)) {
            continue;
          }
          consumer.startField(name, i);
          consumer.startGroup();
          writeFields(s.children(), row);
          consumer.endGroup();
          consumer.endField(name, i);
        }
      }
    }

    private static boolean allNull(Struct s, Object[] row) {
      for (FieldPlan f : s.children()) {
        if (f instanceof Leaf leaf ? row[leaf.slot()] != null : !allNull((Struct) f, row)) {
          return false;
        }
      }
      return true;
    }
  }
}
