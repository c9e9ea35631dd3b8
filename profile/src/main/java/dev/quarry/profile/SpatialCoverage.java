package dev.quarry.profile;

/** A bounding box in WGS84 degrees. */
public record SpatialCoverage(double minLon, double minLat, double maxLon, double maxLat) {

  public SpatialCoverage union(SpatialCoverage o) {
    if (o == null) {
      return this;
    }
    return new SpatialCoverage(Math.min(minLon, o.minLon), Math.min(minLat, o.minLat),
        Math.max(maxLon, o.maxLon), Math.max(maxLat, o.maxLat));
  }

  /** schema.org GeoShape box: "south west north east" ({@code minLat minLon maxLat maxLon}). */
  public String geoShapeBox() {
    return minLat + " " + minLon + " " + maxLat + " " + maxLon;
  }
}
