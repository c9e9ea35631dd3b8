package dev.quarry.slice.gzip;

import java.util.zip.ZipException;

/**
 * A gzip object is truncated or corrupt. The message names the object (when known) and the byte
 * offset in the compressed object where decoding went wrong.
 */
public final class GzipFormatException extends ZipException {

  private static final long serialVersionUID = 1L;

  private final String objectName;
  private final long compressedOffset;
  private final boolean truncated;

  GzipFormatException(String objectName, long compressedOffset, boolean truncated, String problem) {
    super((objectName == null ? "" : objectName + ": ")
        + (truncated ? "truncated gzip data: " : "corrupt gzip data: ")
        + problem + " at compressed byte offset " + compressedOffset);
    this.objectName = objectName;
    this.compressedOffset = compressedOffset;
    this.truncated = truncated;
  }

  /** The object's name as given to the indexer or reader; null if none was given. */
  public String objectName() {
    return objectName;
  }

  /** Byte offset in the compressed object where the problem was detected. */
  public long compressedOffset() {
    return compressedOffset;
  }

  /** True if the data ended early (as opposed to being corrupt). */
  public boolean truncated() {
    return truncated;
  }
}
