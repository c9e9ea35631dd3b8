package dev.quarry.core.formats;

/**
 * A column of a table as the reader sees it.
 *
 * @param name the column's name (JSON: the dotted path, e.g. {@code address.city})
 * @param type the physical type; STRING for untyped text formats
 * @param sourcePath where the value comes from inside a record: a JSON path ({@code $.address.city})
 *     for JSON, the column name otherwise
 */
public record Column(String name, ValueType type, String sourcePath) implements java.io.Serializable {

  public static Column of(String name, ValueType type) {
    return new Column(name, type, name);
  }
}
