package dev.quarry.slice.gzip;

import java.io.ByteArrayOutputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A place where decompression can start in the middle of a gzip object: the start of a deflate
 * block, at bit {@code bitOffset} (0–7, least significant bit first, as deflate numbers bits) of
 * byte {@code compressedOffset}, which produces the uncompressed byte at {@code uncompressedOffset}.
 * {@code window} holds the up to 32 KiB of output that precede it in the same gzip member (what the
 * block's back-references may copy from); empty at the start of a member.
 *
 * <p>Serializable, and Jackson writes it as a JSON object with the window in base64. {@link
 * #toCompactString()} is a smaller text form (window deflated) for a slice to carry.
 */
public record GzipCheckpoint(long compressedOffset, int bitOffset, long uncompressedOffset,
    byte[] window) implements Serializable {

  /** Deflate's window: back-references reach at most this far. */
  public static final int MAX_WINDOW = 32 * 1024;

  public GzipCheckpoint {
    if (compressedOffset < 0 || uncompressedOffset < 0) {
      throw new IllegalArgumentException("negative offset in gzip checkpoint");
    }
    if (bitOffset < 0 || bitOffset > 7) {
      throw new IllegalArgumentException("gzip checkpoint bit offset must be 0..7: " + bitOffset);
    }
    window = window == null ? new byte[0] : window.clone();
    if (window.length > MAX_WINDOW) {
      throw new IllegalArgumentException("gzip checkpoint window above 32 KiB: " + window.length);
    }
  }

  /** A copy: the record's array is not exposed to changes. */
  @Override
  public byte[] window() {
    return window.clone();
  }

  int windowLength() {
    return window.length;
  }

  /** The window without a copy, for this package's decoder and writer (which never change it). */
  byte[] windowUnsafe() {
    return window;
  }

  /** {@code compressedOffset:bitOffset:uncompressedOffset:base64(deflated window)}. */
  public String toCompactString() {
    return compressedOffset + ":" + bitOffset + ":" + uncompressedOffset + ":"
        + Base64.getEncoder().withoutPadding().encodeToString(deflate(window));
  }

  /** Parses {@link #toCompactString()}. */
  public static GzipCheckpoint fromCompactString(String s) {
    String[] parts = s.split(":", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException("not a gzip checkpoint: " + abbreviate(s));
    }
    try {
      byte[] window = inflate(Base64.getDecoder().decode(parts[3]), MAX_WINDOW);
      return new GzipCheckpoint(Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
          Long.parseLong(parts[2]), window);
    } catch (IllegalArgumentException | DataFormatException e) {
      throw new IllegalArgumentException("not a gzip checkpoint: " + abbreviate(s), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GzipCheckpoint c && c.compressedOffset == compressedOffset
        && c.bitOffset == bitOffset && c.uncompressedOffset == uncompressedOffset
        && Arrays.equals(c.window, window);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(compressedOffset) * 31 + Long.hashCode(uncompressedOffset) * 7 + bitOffset;
  }

  @Override
  public String toString() {
    return "GzipCheckpoint[compressedOffset=" + compressedOffset + ", bitOffset=" + bitOffset
        + ", uncompressedOffset=" + uncompressedOffset + ", window=" + window.length + " bytes]";
  }

  static byte[] deflate(byte[] data) {
    Deflater deflater = new Deflater(6, true);
    try {
      deflater.setInput(data);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
      byte[] buf = new byte[8192];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      deflater.end();
    }
  }

  static byte[] inflate(byte[] data, int maxLength) throws DataFormatException {
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(data);
      byte[] out = new byte[maxLength];
      int n = 0;
      while (!inflater.finished() && n < out.length) {
        int k = inflater.inflate(out, n, out.length - n);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (!inflater.finished()) {
        throw new DataFormatException("deflated window is truncated or above " + maxLength + " bytes");
      }
      return Arrays.copyOf(out, n);
    } finally {
      inflater.end();
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
