package dev.quarry.core.formats.json;

import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The tables of a JSON or JSON Lines file, read with Jackson's streaming parser (never the whole
 * document in memory).
 *
 * <ul>
 *   <li>a root array: one table, named after the file, one row per element;
 *   <li>a root object with properties holding arrays of objects: one table per such property, named
 *       after it (other properties, such as metadata, are not tables);
 *   <li>any other root object: one table with one row;
 *   <li>JSON Lines: one {@link JsonLinesTable}, splittable by byte ranges.
 * </ul>
 *
 * <p>Rows are flattened as described in {@code JsonRowReader}: dotted column names for nested
 * objects, NESTED JSON text for arrays; integers are Long (DECIMAL BigDecimal beyond), fractions
 * Double. The schema grows while reading as new keys appear. Malformed JSON raises
 * {@link dev.quarry.core.formats.UnreadableInputException} naming the file, line and column.
 */
public final class JsonTables {

  private static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonTables() {}

  /** The tables of {@code file}, read as {@link Format#JSON} or {@link Format#JSONL}. */
  public static List<Table> open(InputFile file, Format format) throws IOException {
    return switch (format) {
      case JSONL -> List.of(new JsonLinesTable(file, MAPPER));
      case JSON -> documentTables(file);
      default -> throw new IllegalArgumentException("not a JSON format: " + format);
    };
  }

  /**
   * Where a table's records are in its document, as a JSON path from the root: {@code $[*]} for a
   * root array, {@code $.items[*]} for a property's array, {@code $} for a single root object or a
   * JSON Lines record.
   */
  public static String recordsPath(Table table) {
    return table instanceof JsonDocumentTable d ? d.recordsPath() : "$";
  }

  /** One pass over the document's top level to find its tables; nested values are skipped. */
  private static List<Table> documentTables(InputFile file) throws IOException {
    String source = file.location().toString();
    String fileName = file.location().name();
    try (JsonParser parser = MAPPER.createParser(file.newStream())) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new UnreadableInputException(source + ": empty JSON document");
      }
      if (first == JsonToken.START_ARRAY) {
        return List.of(table(file, fileName, JsonDocumentTable.Position.rootArray()));
      }
      List<Table> tables = new ArrayList<>();
      if (first == JsonToken.START_OBJECT) {
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
          String key = parser.currentName();
          if (parser.nextToken() == JsonToken.START_ARRAY) {
            // an array is a table when its first element is an object
            JsonToken element = parser.nextToken();
            if (element == JsonToken.START_OBJECT) {
              tables.add(table(file, key, JsonDocumentTable.Position.property(key)));
            }
            while (element != JsonToken.END_ARRAY) {
              parser.skipChildren();
              element = parser.nextToken();
            }
          } else {
            parser.skipChildren();
          }
        }
      }
      // a scalar root, or an object without arrays of objects: the document is one row
      return tables.isEmpty()
          ? List.of(table(file, fileName, JsonDocumentTable.Position.root()))
          : List.copyOf(tables);
    } catch (JacksonException e) {
      throw JsonRowReader.unreadable(source, e, "");
    }
  }

  private static Table table(InputFile file, String name, JsonDocumentTable.Position position) {
    return new JsonDocumentTable(file, MAPPER, name, position);
  }

  /** The schema after reading up to {@code records} records; closes the reader. */
  static Schema sampleSchema(RecordReader reader, int records) throws IOException {
    try (reader) {
      for (int i = 0; i < records && reader.next() != null; i++) {
        // reading grows the schema
      }
      return reader.schema();
    }
  }
}
