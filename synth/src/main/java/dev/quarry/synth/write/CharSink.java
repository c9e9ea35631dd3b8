package dev.quarry.synth.write;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An unsynchronised UTF-8 encoder writing into its own byte buffer. Appending an ASCII char is one
 * array store, and {@link #appendAscii} copies a string the caller has seen to be ASCII in one
 * {@code arraycopy}, where {@code BufferedWriter} over an {@code OutputStreamWriter} takes a lock
 * per call, widens every string into a char buffer and encodes it again on flush. {@link #flush()}
 * pushes everything to the stream; nothing here closes it (the caller owns it). Unpaired
 * surrogates, which UTF-8 cannot encode, come out as {@code ?} (what the JDK's encoder writes).
 */
final class CharSink {

  /** Room for the longest encoding of one code point, so a char needs one bounds check. */
  private static final int SLACK = 4;

  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private final int limit = buf.length - SLACK;
  private final char[] scratch = new char[512];
  private int pos;
  /** A high surrogate whose low half has not arrived yet (a pair split across two appends). */
  private char pendingHigh;

  CharSink(OutputStream out) {
    this.out = out;
  }

  CharSink append(char c) throws IOException {
    if (pos >= limit) {
      drain();
    }
    if (c < 0x80 && pendingHigh == 0) {
      buf[pos++] = (byte) c;
    } else {
      encode(c);
    }
    return this;
  }

  CharSink append(String s) throws IOException {
    return append(s, 0, s.length());
  }

  CharSink append(String s, int from, int to) throws IOException {
    // getChars is an intrinsic (a widening copy for Latin-1 strings), and the loop over the char
    // array is tighter than charAt per char.
    while (from < to) {
      int n = Math.min(to - from, scratch.length);
      s.getChars(from, from + n, scratch, 0);
      append(scratch, 0, n);
      from += n;
    }
    return this;
  }

  /**
   * Appends {@code s}, which the caller has checked holds only ASCII (chars below 0x80): its bytes
   * are its chars, copied in one go.
   */
  @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int) is exact for ASCII, and fast
  CharSink appendAscii(String s) throws IOException {
    int n = s.length();
    if (pendingHigh != 0 || n > limit) {
      return append(s, 0, n);
    }
    if (n > limit - pos) {
      drain();
    }
    s.getBytes(0, n, buf, pos);
    pos += n;
    return this;
  }

  CharSink append(char[] chars, int off, int len) throws IOException {
    int i = off;
    int to = off + len;
    while (i < to) {
      int stop = Math.min(to, i + (limit - pos));
      byte[] b = buf;
      int p = pos;
      if (pendingHigh == 0) {
        for (; i < stop; i++) {
          char c = chars[i];
          if (c >= 0x80) {
            break;
          }
          b[p++] = (byte) c;
        }
      }
      pos = p;
      if (i < to) {
        if (pos >= limit) {
          drain();
        } else {
          encode(chars[i++]);
        }
      }
    }
    return this;
  }

  /** One char of any kind; the caller has made sure {@link #SLACK} bytes are free. */
  private void encode(char c) {
    if (pendingHigh != 0) {
      char high = pendingHigh;
      pendingHigh = 0;
      if (Character.isLowSurrogate(c)) {
        int cp = Character.toCodePoint(high, c);
        buf[pos++] = (byte) (0xF0 | (cp >> 18));
        buf[pos++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        buf[pos++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        buf[pos++] = (byte) (0x80 | (cp & 0x3F));
        return;
      }
      // The high surrogate was unpaired; c is encoded on its own below ('?' and at most three
      // bytes for c: within SLACK).
      buf[pos++] = '?';
    }
    if (c < 0x80) {
      buf[pos++] = (byte) c;
    } else if (c < 0x800) {
      buf[pos++] = (byte) (0xC0 | (c >> 6));
      buf[pos++] = (byte) (0x80 | (c & 0x3F));
    } else if (Character.isHighSurrogate(c)) {
      pendingHigh = c;
    } else if (Character.isLowSurrogate(c)) {
      buf[pos++] = '?';
    } else {
      buf[pos++] = (byte) (0xE0 | (c >> 12));
      buf[pos++] = (byte) (0x80 | ((c >> 6) & 0x3F));
      buf[pos++] = (byte) (0x80 | (c & 0x3F));
    }
  }

  private void drain() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
  }

  /** Writes out what is buffered; a high surrogate still waiting for its pair is written as '?'. */
  void flush() throws IOException {
    if (pendingHigh != 0) {
      pendingHigh = 0;
      if (pos >= limit) {
        drain();
      }
      buf[pos++] = '?';
    }
    drain();
    out.flush();
  }
}
