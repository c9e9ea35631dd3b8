package dev.quarry.search;

/** What a column holds, as far as joining and unioning care. */
public enum ColumnKind {
  INTEGER,
  FLOAT,
  TEXT,
  TEMPORAL,
  BOOLEAN;

  /** Whether columns of these kinds can be unioned into one column. */
  public boolean compatibleWith(ColumnKind o) {
    if (this == o) {
      return true;
    }
    return isNumeric() && o.isNumeric();
  }

  public boolean isNumeric() {
    return this == INTEGER || this == FLOAT;
  }

  /** Kinds whose exact values make join keys (floats and booleans do not). */
  public boolean isKeyLike() {
    return this == INTEGER || this == TEXT || this == TEMPORAL;
  }

  /** From a Croissant data type ({@code sc:Integer}, ...). */
  public static ColumnKind ofDataType(String dataType) {
    if (dataType == null) {
      return TEXT;
    }
    return switch (dataType) {
      case "sc:Integer" -> INTEGER;
      case "sc:Float", "sc:Number" -> FLOAT;
      case "sc:Date", "sc:DateTime", "sc:Time" -> TEMPORAL;
      case "sc:Boolean" -> BOOLEAN;
      default -> TEXT;
    };
  }
}
