package dev.quarry.synth.write;

import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonEncoding;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

/**
 * JSON (one array of objects) and JSON Lines (one object per line), through Jackson's streaming
 * generator, UTF-8. Every column appears in every object, in schema order; null is {@code null}.
 * Integers, doubles and decimals are JSON numbers (decimals in plain notation with their scale,
 * doubles as {@link ValueText} describes), booleans are {@code true}/{@code false}, dates and times
 * ISO-8601 strings. Non-finite doubles, which JSON cannot express, are the strings {@code "NaN"},
 * {@code "Infinity"}, {@code "-Infinity"} (Jackson's convention).
 *
 * <p>Layout, chosen so fragments concatenate: the array is {@code [} then each object on its own
 * line, preceded by {@code \n} for the first row of the whole output and {@code ,\n} for every
 * other, then {@code \n]\n} (an empty output is {@code [\n]\n}). Whether a row is the first overall
 * is {@code fragment.firstRow() + rows written so far == 0}, so nothing else is shared between
 * fragments. JSON Lines ends every object with {@code \n}.
 */
final class JsonFormat implements OutputFormat {

  private static final long serialVersionUID = 1L;

  /** Escapes nothing but what JSON requires; forward slashes stay as they are. */
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
      .disable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
      .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
      .enable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
      .rootValueSeparator((String) null) // we write the separators ourselves
      .build();

  private final boolean lines;

  JsonFormat(boolean lines) {
    this.lines = lines;
  }

  @Override
  public String name() {
    return lines ? "jsonl" : "json";
  }

  @Override
  public String mediaType() {
    return lines ? "application/jsonl" : "application/json";
  }

  @Override
  public String extension() {
    return name();
  }

  @Override
  public boolean concatenable() {
    return true;
  }

  @Override
  public RowWriter open(OutputStream out, OutputSchema schema, Fragment fragment) {
    ValueText.checkSchema(schema);
    OutputColumn[] columns = schema.columns().toArray(OutputColumn[]::new);
    SerializableString[] names = new SerializableString[columns.length];
    for (int i = 0; i < columns.length; i++) {
      names[i] = new SerializedString(columns[i].name());
    }
    JsonGenerator json = FACTORY.createGenerator(ObjectWriteContext.empty(), out, JsonEncoding.UTF8);
    if (!lines && fragment.first()) {
      json.writeRaw('[');
    }
    return new Writer(json, columns, names, lines, fragment);
  }

  @Override
  public String toString() {
    return name();
  }

  private static final class Writer implements RowWriter {
    private final JsonGenerator json;
    private final OutputColumn[] columns;
    private final SerializableString[] names;
    private final boolean lines;
    private final boolean last;
    private final ValueText text = new ValueText();
    private long row; // absolute index of the next row

    Writer(JsonGenerator json, OutputColumn[] columns, SerializableString[] names, boolean lines, Fragment fragment) {
      this.json = json;
      this.columns = columns;
      this.names = names;
      this.lines = lines;
      this.last = fragment.last();
      this.row = fragment.firstRow();
    }

    @Override
    public void write(Object[] values) {
      ValueText.checkRow(columns, values);
      startRow();
      for (int i = 0; i < columns.length; i++) {
        json.writeName(names[i]);
        value(columns[i], values[i]);
      }
      endRow();
    }

    /** A row's object starts: after a separator in a JSON array. */
    private void startRow() {
      if (!lines) {
        json.writeRaw(row == 0 ? "\n" : ",\n");
      }
      json.writeStartObject();
    }

    private void endRow() {
      json.writeEndObject();
      if (lines) {
        json.writeRaw('\n');
      }
      row++;
    }

    /** The same bytes as writing each row boxed, read from the typed columns. */
    @Override
    public void write(RowBlock block) {
      ValueText.checkBlock(columns, block);
      ColumnVector[] vectors = new ColumnVector[columns.length];
      for (int i = 0; i < vectors.length; i++) {
        vectors[i] = block.column(i);
      }
      for (int k = 0, n = block.size(); k < n; k++) {
        startRow();
        for (int i = 0; i < columns.length; i++) {
          json.writeName(names[i]);
          ColumnVector v = vectors[i];
          if (v.isNull(k)) {
            json.writeNull();
            continue;
          }
          switch (v.form()) {
            case LONG -> longValue(columns[i], v.getLong(k));
            case DOUBLE -> doubleValue(v.getDouble(k));
            case DICTIONARY -> json.writeString(v.dictionary().get(v.getId(k)));
            default -> value(columns[i], v.getObject(k));
          }
        }
        endRow();
      }
    }

    /** A value held as a long (see {@link ColumnVector.Form#LONG}). */
    private void longValue(OutputColumn c, long v) throws JacksonException {
      switch (c.type()) {
        case INTEGER -> json.writeNumber(v);
        case DECIMAL -> json.writeNumber(text.chars, 0, text.formatDecimal(v, c.scale()));
        case BOOLEAN -> json.writeBoolean(v != 0);
        case DATE -> json.writeString(text.chars, 0, text.formatEpochDay(v));
        case TIME -> json.writeString(text.chars, 0, text.formatNanoOfDay(v));
        case DATETIME -> json.writeString(text.chars, 0, text.formatEpochSecond(v, 'T'));
        default -> throw new IllegalStateException("unsupported type " + c.type());
      }
    }

    private void doubleValue(double d) throws JacksonException {
      if (Double.isFinite(d)) {
        json.writeNumber(text.chars, 0, text.formatDouble(d));
      } else {
        json.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
      }
    }

    private void value(OutputColumn c, Object v) throws JacksonException {
      if (v == null) {
        json.writeNull();
        return;
      }
      switch (c.type()) {
        case STRING -> json.writeString((String) v);
        case INTEGER -> json.writeNumber(((Number) v).longValue());
        case FLOAT -> doubleValue(((Number) v).doubleValue());
        case DECIMAL ->
            json.writeNumber(((BigDecimal) v).setScale(c.scale(), RoundingMode.HALF_EVEN).toPlainString());
        case BOOLEAN -> json.writeBoolean((Boolean) v);
        case DATE -> json.writeString(text.chars, 0, text.formatDate((LocalDate) v));
        case TIME -> json.writeString(text.chars, 0, text.formatTime((LocalTime) v));
        case DATETIME -> json.writeString(text.chars, 0, text.formatDateTime((LocalDateTime) v, 'T'));
        default -> throw new IllegalStateException("unsupported type " + c.type());
      }
    }

    @Override
    public void close() {
      if (!lines && last) {
        json.writeRaw("\n]\n");
      }
      json.close(); // flushes into the stream and flushes it; AUTO_CLOSE_TARGET is off, so it stays open
    }
  }
}
