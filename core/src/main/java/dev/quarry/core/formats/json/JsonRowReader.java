package dev.quarry.core.formats.json;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.formats.ValueType;
import java.io.IOException;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns a stream of JSON values into rows, one value at a time, with Jackson's streaming parser.
 * Objects are flattened: nested objects become dotted columns ({@code address.city}, source path
 * {@code $.address.city}); arrays become one NESTED column holding their JSON text; a value that is
 * not an object is one row with a single {@code value} column.
 */
final class JsonRowReader implements RecordReader {

  /** Where the values come from. */
  enum Mode {
    /** The elements of the array whose START_ARRAY was just read. */
    ARRAY_ELEMENTS,
    /** A sequence of root-level values (JSON Lines). */
    ROOT_SEQUENCE,
    /** The one root value, as a single row. */
    SINGLE_VALUE
  }

  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final String source;
  private final JsonParser parser;
  private final ObjectMapper mapper;
  private final Mode mode;
  private final GrowingSchema schema;
  private final LongSupplier bytesRead;
  private final String errorContext;
  private boolean done;
  private Object[] values = new Object[16];

  /**
   * @param errorContext appended to error messages, e.g. that line numbers count from a range start
   */
  JsonRowReader(
      String source,
      JsonParser parser,
      ObjectMapper mapper,
      Mode mode,
      GrowingSchema schema,
      LongSupplier bytesRead,
      String errorContext) {
    this.source = source;
    this.parser = parser;
    this.mapper = mapper;
    this.mode = mode;
    this.schema = schema;
    this.bytesRead = bytesRead;
    this.errorContext = errorContext;
  }

  @Override
  public Schema schema() {
    return schema.schema();
  }

  @Override
  public Object[] next() throws IOException {
    if (done) {
      return null;
    }
    try {
      JsonToken token = parser.nextToken();
      if (token == null || (mode == Mode.ARRAY_ELEMENTS && token == JsonToken.END_ARRAY)) {
        done = true;
        return null;
      }
      if (mode == Mode.SINGLE_VALUE) {
        done = true;
      }
      values = new Object[Math.max(16, schema.size())];
      if (token == JsonToken.START_OBJECT) {
        readObject("", "$");
      } else {
        readValue(token, "value", "$");
      }
      return Arrays.copyOf(values, schema.size());
    } catch (JacksonException e) {
      throw unreadable(source, e, errorContext);
    }
  }

  /** Reads the members of the object whose START_OBJECT is the current token. */
  private void readObject(String prefix, String path) {
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
      String key = parser.currentName();
      String name = prefix.isEmpty() ? key : prefix + "." + key;
      String childPath = PLAIN_NAME.matcher(key).matches()
          ? path + "." + key
          : path + "['" + key.replace("\\", "\\\\").replace("'", "\\'") + "']";
      JsonToken value = parser.nextToken();
      if (value == JsonToken.START_OBJECT) {
        readObject(name, childPath);
      } else {
        readValue(value, name, childPath);
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new IllegalStateException("parser out of step at " + token);
    }
  }

  private void readValue(JsonToken token, String name, String path) {
    Object value;
    ValueType type;
    switch (token) {
      case VALUE_STRING -> {
        value = parser.getString();
        type = ValueType.STRING;
      }
      case VALUE_NUMBER_INT -> {
        if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          value = new BigDecimal(parser.getBigIntegerValue());
          type = ValueType.DECIMAL;
        } else {
          value = parser.getLongValue();
          type = ValueType.INTEGER;
        }
      }
      case VALUE_NUMBER_FLOAT -> {
        value = parser.getDoubleValue();
        type = ValueType.FLOAT;
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        value = token == JsonToken.VALUE_TRUE;
        type = ValueType.BOOLEAN;
      }
      case VALUE_NULL -> {
        value = null;
        type = null;
      }
      case START_ARRAY, START_OBJECT -> {
        value = jsonText();
        type = ValueType.NESTED;
      }
      default -> throw new IllegalStateException("unexpected token " + token);
    }
    int slot = schema.slot(name, path, type);
    if (slot >= values.length) {
      values = Arrays.copyOf(values, Math.max(slot + 1, values.length * 2));
    }
    values[slot] = value;
  }

  /** The structure starting at the current token, re-serialised compactly. */
  private String jsonText() {
    StringWriter text = new StringWriter();
    try (JsonGenerator generator = mapper.createGenerator(text)) {
      generator.copyCurrentStructure(parser);
    }
    return text.toString();
  }

  static UnreadableInputException unreadable(String source, JacksonException e, String context) {
    TokenStreamLocation at = e.getLocation();
    String where = at == null || at == TokenStreamLocation.NA
        ? ""
        : " at line " + at.getLineNr() + ", column " + at.getColumnNr() + context;
    return new UnreadableInputException(
        source + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
  }

  @Override
  public long bytesRead() {
    return bytesRead.getAsLong();
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }
}
