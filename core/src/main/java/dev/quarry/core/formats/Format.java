package dev.quarry.core.formats;

/**
 * The formats Quarry reads, with the media type written as Croissant {@code encodingFormat}.
 * Containers (gzip, zip, tar) hold other formats; {@link #BINARY} is anything unrecognised.
 */
public enum Format {
  CSV("text/csv", Kind.TABLE),
  TSV("text/tab-separated-values", Kind.TABLE),
  JSON("application/json", Kind.TABLE),
  JSONL("application/jsonlines", Kind.TABLE),
  PARQUET("application/x-parquet", Kind.TABLE),
  XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Kind.TABLE),
  XLS("application/vnd.ms-excel", Kind.TABLE),
  SQLITE("application/vnd.sqlite3", Kind.DATABASE),
  DUCKDB("application/x-duckdb", Kind.DATABASE),
  TEXT("text/plain", Kind.DOCUMENT),
  PDF("application/pdf", Kind.DOCUMENT),
  GZIP("application/gzip", Kind.CONTAINER),
  ZIP("application/zip", Kind.CONTAINER),
  TAR("application/x-tar", Kind.CONTAINER),
  BINARY("application/octet-stream", Kind.OTHER);

  /** What a reader makes of a format. */
  public enum Kind {
    /** Records with fields: tables, sheets, JSON collections. */
    TABLE,
    /** A database file whose tables are read over JDBC. */
    DATABASE,
    /** Prose: text and PDF. */
    DOCUMENT,
    /** An archive or compressed stream holding other files. */
    CONTAINER,
    OTHER
  }

  private final String mediaType;
  private final Kind kind;

  Format(String mediaType, Kind kind) {
    this.mediaType = mediaType;
    this.kind = kind;
  }

  public String mediaType() {
    return mediaType;
  }

  public Kind kind() {
    return kind;
  }
}
