package dev.quarry.core.storage;

/**
 * How to list under a location: recursively or one level, and an optional glob ({@code **}/*.csv)
 * matched against each object's path relative to the listed location.
 */
public record ListOptions(boolean recursive, String glob) {

  public static final ListOptions RECURSIVE = new ListOptions(true, null);
  public static final ListOptions ONE_LEVEL = new ListOptions(false, null);

  public static ListOptions glob(String glob) {
    return new ListOptions(true, glob);
  }
}
