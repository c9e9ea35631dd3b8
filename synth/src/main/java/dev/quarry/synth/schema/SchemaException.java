package dev.quarry.synth.schema;

/**
 * A schema that cannot be generated. The message starts with the path of the offending element
 * ({@code tables.customers.fields.age: min (90) is greater than max (18)}) so a user can find it in
 * the file; {@link #path()} and {@link #detail()} carry the two parts for structured error replies.
 */
public final class SchemaException extends IllegalArgumentException {

  private final String path;
  private final String detail;

  public SchemaException(String path, String detail) {
    super(path.isEmpty() ? detail : path + ": " + detail);
    this.path = path;
    this.detail = detail;
  }

  public SchemaException(String path, String detail, Throwable cause) {
    this(path, detail);
    initCause(cause);
  }

  /** Dotted path of the element at fault ({@code tables.orders.fields.with_tax}); empty for the root. */
  public String path() {
    return path;
  }

  /** What is wrong, without the path. */
  public String detail() {
    return detail;
  }
}
