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
 * Its window is the up to 32 KiB of output that precede it in the same gzip member (what the
 * block's back-references may copy from; empty at the start of a member), kept raw-deflated ({@code
 * deflatedWindow}, {@code windowLength} bytes once inflated) so that an index of thousands of
 * checkpoints stays small in memory, on disk and in a slice's JSON.
 *
 * <p>Serializable; Jackson writes it as a JSON object (the deflated window in base64). {@link
 * #toCompactString()} is a one-line text form.
 */
public record GzipCheckpoint(long compressedOffset, int bitOffset, long uncompressedOffset,
    int windowLength, byte[] deflatedWindow) implements Serializable {

  /** Deflate's window: back-references reach at most this far. */
  public static final int MAX_WINDOW = 32 * 1024;

  /** Checks the fields; the deflated window itself is only checked when it is used. */
  public GzipCheckpoint {
    if (compressedOffset < 0 || uncompressedOffset < 0) {
      throw new IllegalArgumentException("negative offset in gzip checkpoint");
    }
    if (bitOffset < 0 || bitOffset > 7) {
      throw new IllegalArgumentException("gzip checkpoint bit offset must be 0..7: " + bitOffset);
    }
    if (windowLength < 0 || windowLength > MAX_WINDOW) {
      throw new IllegalArgumentException("gzip checkpoint window must be 0..32 KiB: " + windowLength);
    }
    deflatedWindow = deflatedWindow == null ? new byte[0] : deflatedWindow.clone();
    if (windowLength > 0 && deflatedWindow.length == 0) {
      throw new IllegalArgumentException("gzip checkpoint has no window data");
    }
  }

  /** A checkpoint with its window given raw (deflated here). */
  public static GzipCheckpoint of(long compressedOffset, int bitOffset, long uncompressedOffset,
      byte[] window) {
    return new GzipCheckpoint(compressedOffset, bitOffset, uncompressedOffset, window.length,
        deflate(window, 0, window.length, null));
  }

  /** A copy: the record's array is not exposed to changes. */
  @Override
  public byte[] deflatedWindow() {
    return deflatedWindow.clone();
  }

  /**
   * The window, inflated.
   *
   * @throws IllegalStateException if the deflated window is damaged (a corrupt index or slice)
   */
  public byte[] window() {
    if (windowLength == 0) {
      return new byte[0];
    }
    Inflater inflater = new Inflater(true);
    try {
      inflater.setInput(deflatedWindow);
      byte[] out = new byte[windowLength];
      int n = 0;
      while (n < out.length && !inflater.finished()) {
        int k = inflater.inflate(out, n, out.length - n);
        if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += k;
      }
      if (n != windowLength || !inflater.finished()) {
        throw new IllegalStateException("damaged gzip checkpoint window (" + this + ")");
      }
      return out;
    } catch (DataFormatException e) {
      throw new IllegalStateException("damaged gzip checkpoint window (" + this + ")", e);
    } finally {
      inflater.end();
    }
  }

  /** The deflated window without a copy, for this package's writer. */
  byte[] deflatedWindowUnsafe() {
    return deflatedWindow;
  }

  /** {@code compressedOffset:bitOffset:uncompressedOffset:windowLength:base64(deflated window)}. */
  public String toCompactString() {
    return compressedOffset + ":" + bitOffset + ":" + uncompressedOffset + ":" + windowLength + ":"
        + Base64.getEncoder().withoutPadding().encodeToString(deflatedWindow);
  }

  /** Parses {@link #toCompactString()}. */
  public static GzipCheckpoint fromCompactString(String s) {
    String[] parts = s.split(":", -1);
    if (parts.length != 5) {
      throw new IllegalArgumentException("not a gzip checkpoint: " + abbreviate(s));
    }
    try {
      return new GzipCheckpoint(Long.parseLong(parts[0]), Integer.parseInt(parts[1]),
          Long.parseLong(parts[2]), Integer.parseInt(parts[3]),
          Base64.getDecoder().decode(parts[4]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a gzip checkpoint: " + abbreviate(s), e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GzipCheckpoint c && c.compressedOffset == compressedOffset
        && c.bitOffset == bitOffset && c.uncompressedOffset == uncompressedOffset
        && c.windowLength == windowLength && Arrays.equals(c.deflatedWindow, deflatedWindow);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(compressedOffset) * 31 + Long.hashCode(uncompressedOffset) * 7 + bitOffset;
  }

  @Override
  public String toString() {
    return "GzipCheckpoint[compressedOffset=" + compressedOffset + ", bitOffset=" + bitOffset
        + ", uncompressedOffset=" + uncompressedOffset + ", window=" + windowLength + " bytes ("
        + deflatedWindow.length + " deflated)]";
  }

  /**
   * Raw-deflates {@code data[off, off+len)}; {@code reuse} (reset here) saves allocating zlib state
   * per checkpoint while indexing. Level 1: checkpoints are made inside the indexing loop, and level
   * 6 packs FASTQ windows only a little tighter at several times the cost.
   */
  static byte[] deflate(byte[] data, int off, int len, Deflater reuse) {
    if (len == 0) {
      return new byte[0];
    }
    Deflater deflater = reuse != null ? reuse : new Deflater(1, true);
    try {
      deflater.reset();
      deflater.setInput(data, off, len);
      deflater.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(len / 2 + 64);
      byte[] buf = new byte[Math.min(len + 64, 16 * 1024)];
      while (!deflater.finished()) {
        int n = deflater.deflate(buf);
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } finally {
      if (reuse == null) {
        deflater.end();
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "…";
  }
}
