package dev.quarry.core.formats.detect;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Guesses the charset of a text sample: a byte-order mark wins; then UTF-16 recognised by the NUL
 * bytes that ASCII characters leave in every other position; then strict UTF-8; then Windows-1252
 * when C1 bytes (0x80–0x9F) occur and all decode to printable characters; else ISO-8859-1, which
 * decodes any byte. The charset returned always decodes the sample without error.
 */
public final class EncodingSniffer {

  public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

  /** Fewer NULs than this share of the even or odd positions is not UTF-16 without a BOM. */
  private static final double UTF16_NUL_SHARE = 0.3;

  private EncodingSniffer() {}

  /**
   * Sniffs the sample {@code bytes[0, length)}.
   *
   * @param truncated true when the sample is only the head of a longer file, so a multi-byte
   *     sequence cut at the end is not an error
   */
  public static SniffedCharset sniff(byte[] bytes, int length, boolean truncated) {
    SniffedCharset bom = byteOrderMark(bytes, length);
    if (bom != null) {
      return bom;
    }
    Charset utf16 = utf16ByNulPattern(bytes, length);
    if (utf16 != null && decodes(utf16, bytes, 0, length, truncated)) {
      return new SniffedCharset(utf16, 0);
    }
    if (decodes(StandardCharsets.UTF_8, bytes, 0, length, truncated)) {
      return new SniffedCharset(StandardCharsets.UTF_8, 0);
    }
    if (hasC1Bytes(bytes, length) && decodes(WINDOWS_1252, bytes, 0, length, truncated)) {
      return new SniffedCharset(WINDOWS_1252, 0);
    }
    return new SniffedCharset(StandardCharsets.ISO_8859_1, 0);
  }

  /** The charset named by a byte-order mark at the start, or null if there is none. */
  public static SniffedCharset byteOrderMark(byte[] b, int length) {
    if (length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
      return new SniffedCharset(StandardCharsets.UTF_8, 3);
    }
    if (length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
      return new SniffedCharset(StandardCharsets.UTF_16BE, 2);
    }
    if (length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
      return new SniffedCharset(StandardCharsets.UTF_16LE, 2);
    }
    return null;
  }

  /** True when strict decoding of {@code bytes[off, off+len)} with the charset raises no error. */
  public static boolean decodes(Charset charset, byte[] bytes, int off, int len, boolean truncated) {
    CharsetDecoder decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, off, len);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      // endOfInput=false for a truncated sample leaves a cut multi-byte sequence unread, not wrong
      CoderResult result = decoder.decode(in, out, !truncated);
      if (result.isError()) {
        return false;
      }
      if (result.isOverflow()) {
        out.clear();
        continue;
      }
      break;
    }
    if (!truncated) {
      out.clear();
      return !decoder.flush(out).isError();
    }
    return true;
  }

  /** Decodes a whole sample (after its BOM), replacing what cannot be decoded. */
  public static String decode(byte[] bytes, int length, SniffedCharset sniffed) {
    CharsetDecoder decoder =
        sniffed
            .charset()
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      int start = Math.min(sniffed.bomLength(), length);
      return decoder.decode(ByteBuffer.wrap(bytes, start, length - start)).toString();
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("a replacing decoder cannot fail", e);
    }
  }

  private static Charset utf16ByNulPattern(byte[] b, int length) {
    int pairs = Math.min(length, 8192) / 2;
    if (pairs < 2) {
      return null;
    }
    int evenNul = 0;
    int oddNul = 0;
    for (int i = 0; i < pairs * 2; i += 2) {
      if (b[i] == 0) {
        evenNul++;
      }
      if (b[i + 1] == 0) {
        oddNul++;
      }
    }
    // ASCII in UTF-16LE is "a\0b\0": NULs at odd positions and (almost) none at even ones
    if (oddNul > pairs * UTF16_NUL_SHARE && evenNul < pairs * 0.05) {
      return StandardCharsets.UTF_16LE;
    }
    if (evenNul > pairs * UTF16_NUL_SHARE && oddNul < pairs * 0.05) {
      return StandardCharsets.UTF_16BE;
    }
    return null;
  }

  private static boolean hasC1Bytes(byte[] b, int length) {
    for (int i = 0; i < length; i++) {
      int v = b[i] & 0xFF;
      if (v >= 0x80 && v <= 0x9F) {
        return true;
      }
    }
    return false;
  }
}
