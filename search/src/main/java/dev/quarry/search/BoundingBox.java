package dev.quarry.search;

/**
 * A bounding box in WGS84 degrees. A box whose {@code minLon} is greater than its {@code maxLon}
 * crosses the antimeridian.
 */
public record BoundingBox(double minLon, double minLat, double maxLon, double maxLat) {

  public BoundingBox {
    check(minLon, -180, 180, "minLon");
    check(maxLon, -180, 180, "maxLon");
    check(minLat, -90, 90, "minLat");
    check(maxLat, -90, 90, "maxLat");
    if (minLat > maxLat) {
      throw new InvalidQueryException("bbox: minLat " + minLat + " is above maxLat " + maxLat);
    }
  }

  /** Parses {@code minLon,minLat,maxLon,maxLat} (the order of GeoJSON and OGC APIs). */
  public static BoundingBox parse(String text) {
    String[] parts = text == null ? new String[0] : text.split(",");
    if (parts.length != 4) {
      throw new InvalidQueryException("bbox '" + text + "': expected minLon,minLat,maxLon,maxLat");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].trim());
      } catch (NumberFormatException e) {
        throw new InvalidQueryException("bbox '" + text + "': '" + parts[i].trim() + "' is not a number");
      }
    }
    return new BoundingBox(v[0], v[1], v[2], v[3]);
  }

  public boolean crossesAntimeridian() {
    return minLon > maxLon;
  }

  private static void check(double v, double lo, double hi, String what) {
    if (!(v >= lo && v <= hi)) {
      throw new InvalidQueryException("bbox: " + what + " " + v + " is outside [" + lo + ", " + hi + "]");
    }
  }
}
