package dev.quarry.core.formats.detect;

import java.nio.charset.Charset;

/**
 * The character set of a text sample and the length of the byte-order mark that precedes the text.
 *
 * @param charset the charset that decodes the sample without error
 * @param bomLength bytes of byte-order mark at the start of the file (0 when there is none); the
 *     text begins after them
 */
public record SniffedCharset(Charset charset, int bomLength) {

  public boolean hasBom() {
    return bomLength > 0;
  }
}
