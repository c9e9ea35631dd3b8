package dev.quarry.core.formats.detect;

import dev.quarry.core.formats.Format;
import java.nio.charset.Charset;

/**
 * What {@link FormatDetector} found.
 *
 * @param format how to read the file
 * @param mediaType the media type of the bytes themselves; differs from {@code format.mediaType()}
 *     when a wrapper is involved (a gzip-compressed tar is {@code TAR} read through
 *     {@code application/gzip})
 * @param charset the text charset, or null when the format is not text
 */
public record DetectedFormat(Format format, String mediaType, Charset charset) {

  public static DetectedFormat of(Format format) {
    return new DetectedFormat(format, format.mediaType(), null);
  }

  public static DetectedFormat text(Format format, Charset charset) {
    return new DetectedFormat(format, format.mediaType(), charset);
  }
}
