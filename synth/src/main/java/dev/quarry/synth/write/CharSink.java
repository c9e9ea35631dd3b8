package dev.quarry.synth.write;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Chars in, UTF-8 bytes out, through one unsynchronised byte buffer: an ASCII char is one array
 * store (where {@code BufferedWriter} takes a lock per call and an {@code OutputStreamWriter}
 * encodes the text in a second pass), and already-encoded bytes ({@link Dictionary.Cells}) are
 * copied as they are. {@link #flush()} pushes everything to the stream; nothing here closes it
 * (the caller owns it). Like the JDK's encoder, an unpaired surrogate, which UTF-8 cannot encode,
 * comes out as {@code ?}; a pair split across two calls is joined.
 */
final class CharSink {

  private final OutputStream out;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  /** A high surrogate waiting for its low half, or 0. */
  private char pendingHigh;

  CharSink(OutputStream out) {
    this.out = out;
  }

  CharSink append(char c) throws IOException {
    if (c < 0x80 && pendingHigh == 0) {
      if (pos == buf.length) {
        drain();
      }
      buf[pos++] = (byte) c;
      return this;
    }
    encode(c);
    return this;
  }

  CharSink append(String s) throws IOException {
    return append(s, 0, s.length());
  }

  CharSink append(String s, int from, int to) throws IOException {
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 0x80 && pendingHigh == 0) {
        if (pos == buf.length) {
          drain();
        }
        buf[pos++] = (byte) c;
      } else {
        encode(c);
      }
    }
    return this;
  }

  CharSink append(char[] chars, int off, int len) throws IOException {
    for (int i = off, end = off + len; i < end; i++) {
      char c = chars[i];
      if (c < 0x80 && pendingHigh == 0) {
        if (pos == buf.length) {
          drain();
        }
        buf[pos++] = (byte) c;
      } else {
        encode(c);
      }
    }
    return this;
  }

  /**
   * Chars known to be ASCII (numbers, dates and the like from {@link ValueText}, delimiters): one
   * bounds check for the lot and a plain narrowing copy.
   */
  CharSink appendAscii(char[] chars, int off, int len) throws IOException {
    if (pendingHigh != 0) {
      unpaired();
    }
    if (len > buf.length - pos) {
      drain();
      if (len > buf.length) {
        return append(chars, off, len);
      }
    }
    byte[] b = buf;
    int p = pos;
    for (int i = 0; i < len; i++) {
      b[p + i] = (byte) chars[off + i];
    }
    pos = p + len;
    return this;
  }

  /** One char known to be ASCII. */
  CharSink appendAscii(char c) throws IOException {
    if (pendingHigh != 0) {
      unpaired();
    }
    if (pos == buf.length) {
      drain();
    }
    buf[pos++] = (byte) c;
    return this;
  }

  /** Bytes that are UTF-8 already. */
  CharSink appendUtf8(byte[] bytes, int off, int len) throws IOException {
    if (pendingHigh != 0) {
      unpaired();
    }
    if (len > buf.length - pos) {
      drain();
      if (len > buf.length) {
        out.write(bytes, off, len);
        return this;
      }
    }
    System.arraycopy(bytes, off, buf, pos, len);
    pos += len;
    return this;
  }

  /** Encodes one char that is not a plain ASCII char after a complete one. */
  private void encode(char c) throws IOException {
    if (buf.length - pos < 4) {
      drain();
    }
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
      buf[pos++] = '?';
      if (buf.length - pos < 4) {
        drain();
      }
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

  private void unpaired() throws IOException {
    pendingHigh = 0;
    if (pos == buf.length) {
      drain();
    }
    buf[pos++] = '?';
  }

  private void drain() throws IOException {
    out.write(buf, 0, pos);
    pos = 0;
  }

  /** Writes everything out; a high surrogate still waiting for its pair becomes {@code ?}. */
  void flush() throws IOException {
    if (pendingHigh != 0) {
      unpaired();
    }
    drain();
    out.flush();
  }
}
