package dev.quarry.slice;

import dev.quarry.core.storage.Location;

/**
 * How to preprocess.
 *
 * @param meta where the metadata goes; null = beside the object ({@code <object>.quarry-slice/})
 * @param force redo even if a current index exists, and replace a stale one
 * @param chunkBytes bytes scanned per engine task (plain objects; gzip is scanned in one pass)
 * @param anchorSpacing bytes between sampled record offsets (smaller: finer cuts, bigger index)
 * @param gzipSpan uncompressed bytes between gzip access points; 0 = automatic: 4 MiB, or more
 *     for big objects so that an index holds at most about 4096 access points (each carries a
 *     32 KiB window)
 */
public record PreprocessOptions(
    Location meta, boolean force, long chunkBytes, long anchorSpacing, long gzipSpan) {

  public static final long DEFAULT_CHUNK = 64L << 20;
  public static final long DEFAULT_ANCHOR_SPACING = 1L << 20;
  public static final long DEFAULT_GZIP_SPAN = 4L << 20;

  public PreprocessOptions {
    if (chunkBytes < 1 || anchorSpacing < 1 || gzipSpan < 0) {
      throw new IllegalArgumentException("chunk and anchor spacing must be positive, gzip span not negative");
    }
  }

  public static PreprocessOptions defaults() {
    return new PreprocessOptions(null, false, DEFAULT_CHUNK, DEFAULT_ANCHOR_SPACING, 0);
  }

  /** The gzip span to use for an object of {@code compressedSize} bytes. */
  public long gzipSpanFor(long compressedSize) {
    if (gzipSpan > 0) {
      return gzipSpan;
    }
    // deflate rarely compresses text more than 4:1, so this bounds the access points near 4096
    return Math.max(DEFAULT_GZIP_SPAN, compressedSize / 1024);
  }

  public PreprocessOptions withMeta(Location m) {
    return new PreprocessOptions(m, force, chunkBytes, anchorSpacing, gzipSpan);
  }

  public PreprocessOptions withForce(boolean f) {
    return new PreprocessOptions(meta, f, chunkBytes, anchorSpacing, gzipSpan);
  }

  public PreprocessOptions withChunkBytes(long c) {
    return new PreprocessOptions(meta, force, c, anchorSpacing, gzipSpan);
  }

  public PreprocessOptions withAnchorSpacing(long a) {
    return new PreprocessOptions(meta, force, chunkBytes, a, gzipSpan);
  }

  public PreprocessOptions withGzipSpan(long s) {
    return new PreprocessOptions(meta, force, chunkBytes, anchorSpacing, s);
  }
}
