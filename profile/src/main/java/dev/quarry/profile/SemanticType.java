package dev.quarry.profile;

/**
 * What a field's values mean beyond their storage type, named by the schema.org term written into
 * the Croissant {@code dataType} list (as Auctus and the Croissant examples do).
 */
public enum SemanticType {
  BOOLEAN("sc:Boolean"),
  CATEGORICAL("sc:Enumeration"),
  DATETIME("sc:DateTime"),
  IDENTIFIER("sc:identifier"),
  LATITUDE("sc:latitude"),
  LONGITUDE("sc:longitude"),
  WKT_POINT("sc:GeoCoordinates"),
  LAT_LONG_POINT("sc:GeoCoordinates"),
  EMAIL("sc:email"),
  URL("sc:URL");

  private final String term;

  SemanticType(String term) {
    this.term = term;
  }

  public String term() {
    return term;
  }
}
