package dev.quarry.synth.write;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

/**
 * An unsynchronised char buffer in front of a UTF-8 encoder: appending a char is an array store,
 * where {@code BufferedWriter} takes a lock per call. {@link #flush()} pushes everything to the
 * stream; nothing here closes it (the caller owns it). Unpaired surrogates, which UTF-8 cannot
 * encode, come out as {@code ?} (the JDK encoder's replacement).
 */
final class CharSink {

  private final Writer encoder;
  private final char[] buf = new char[1 << 15];
  private int pos;

  CharSink(OutputStream out) {
    this.encoder = new OutputStreamWriter(out, StandardCharsets.UTF_8);
  }

  CharSink append(char c) throws IOException {
    if (pos == buf.length) {
      drain();
    }
    buf[pos++] = c;
    return this;
  }

  CharSink append(String s) throws IOException {
    return append(s, 0, s.length());
  }

  CharSink append(String s, int from, int to) throws IOException {
    while (from < to) {
      if (pos == buf.length) {
        drain();
      }
      int n = Math.min(to - from, buf.length - pos);
      s.getChars(from, from + n, buf, pos);
      pos += n;
      from += n;
    }
    return this;
  }

  CharSink append(char[] chars, int off, int len) throws IOException {
    if (len > buf.length - pos) {
      drain();
      if (len > buf.length) {
        encoder.write(chars, off, len);
        return this;
      }
    }
    System.arraycopy(chars, off, buf, pos, len);
    pos += len;
    return this;
  }

  private void drain() throws IOException {
    encoder.write(buf, 0, pos);
    pos = 0;
  }

  void flush() throws IOException {
    drain();
    encoder.flush();
  }
}
