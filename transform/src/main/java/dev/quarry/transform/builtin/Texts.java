package dev.quarry.transform.builtin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Hashing and normalising document text. */
final class Texts {

  private Texts() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  static String sha256Hex(MessageDigest digest, String text) {
    return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Lower case with everything but letters and digits removed (whitespace, punctuation, symbols),
   * so documents differing only in those count as the same.
   */
  static String normalize(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .filter(Character::isLetterOrDigit)
        .map(Character::toLowerCase)
        .forEach(b::appendCodePoint);
    return b.toString();
  }

  /** The text of a document cell: null for a missing value, the text otherwise. */
  static String text(Object value, String column) {
    if (value == null) {
      return null;
    }
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("column '" + column + "' holds " + value.getClass().getSimpleName()
        + " values, not text");
  }
}
