package dev.quarry.core.formats.json;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import org.apache.commons.io.input.BoundedInputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;

/**
 * A table inside a JSON document: the root array, an array property of the root object, or the
 * root object itself as one row. Each {@link #open()} streams the file again from the start and
 * skips to the table's values without building them.
 */
final class JsonDocumentTable implements Table {

  /** Records read to report {@link #schema()}. */
  static final int SCHEMA_SAMPLE = 1000;

  /**
   * Where the rows are in the document.
   *
   * @param property the root object's property holding the array of rows; null for the root array
   *     or, when {@code rootValue}, for the root value itself
   * @param rootValue true when the whole root value is the one row
   */
  record Position(String property, boolean rootValue) {

    static Position rootArray() {
      return new Position(null, false);
    }

    static Position property(String name) {
      return new Position(name, false);
    }

    static Position root() {
      return new Position(null, true);
    }
  }

  private final InputFile file;
  private final ObjectMapper mapper;
  private final String name;
  private final Position position;
  private Schema schema;

  JsonDocumentTable(InputFile file, ObjectMapper mapper, String name, Position position) {
    this.file = file;
    this.mapper = mapper;
    this.name = name;
    this.position = position;
  }

  /** Where the records are, as a Croissant JSON path from the document root. */
  String recordsPath() {
    if (position.rootValue()) {
      return "$";
    }
    if (position.property() == null) {
      return "$[*]";
    }
    String p = position.property();
    return p.matches("[A-Za-z_][A-Za-z0-9_]*") ? "$." + p + "[*]"
        : "$['" + p.replace("'", "\\'") + "'][*]";
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public synchronized Schema schema() throws IOException {
    if (schema == null) {
      schema = JsonTables.sampleSchema(open(), SCHEMA_SAMPLE);
    }
    return schema;
  }

  @Override
  public RecordReader open() throws IOException {
    String source = file.location().toString();
    BoundedInputStream counted = BoundedInputStream.builder().setInputStream(file.newStream()).get();
    JsonParser parser = mapper.createParser(counted);
    try {
      JsonRowReader.Mode mode;
      if (position.rootValue()) {
        mode = JsonRowReader.Mode.SINGLE_VALUE;
      } else if (position.property() != null) {
        seekProperty(parser, position.property(), source);
        mode = JsonRowReader.Mode.ARRAY_ELEMENTS;
      } else {
        expect(parser.nextToken(), JsonToken.START_ARRAY, source);
        mode = JsonRowReader.Mode.ARRAY_ELEMENTS;
      }
      return new JsonRowReader(
          source, parser, mapper, mode, new GrowingSchema(), counted::getCount, "");
    } catch (JacksonException e) {
      parser.close();
      throw JsonRowReader.unreadable(source, e, "");
    } catch (IOException | RuntimeException e) {
      parser.close();
      throw e;
    }
  }

  /** Leaves the parser on the START_ARRAY of the root object's property {@code property}. */
  private static void seekProperty(JsonParser parser, String property, String source)
      throws UnreadableInputException {
    expect(parser.nextToken(), JsonToken.START_OBJECT, source);
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.PROPERTY_NAME) {
      String key = parser.currentName();
      JsonToken value = parser.nextToken();
      if (key.equals(property) && value == JsonToken.START_ARRAY) {
        return;
      }
      parser.skipChildren();
    }
    throw new UnreadableInputException(
        source + ": no array property '" + property + "' in the root object (file changed?)");
  }

  private static void expect(JsonToken actual, JsonToken expected, String source)
      throws UnreadableInputException {
    if (actual != expected) {
      throw new UnreadableInputException(
          source + ": expected " + expected + " at the start of the document, found " + actual);
    }
  }
}
