package dev.quarry.core.formats.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodingSnifferTest {

  private static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static void assertSniffed(byte[] data, Charset charset, int bom, String text) {
    SniffedCharset sniffed = EncodingSniffer.sniff(data, data.length, false);
    assertThat(sniffed.charset()).isEqualTo(charset);
    assertThat(sniffed.bomLength()).isEqualTo(bom);
    assertThat(EncodingSniffer.decode(data, data.length, sniffed)).isEqualTo(text);
  }

  @Test
  void utf8WithAndWithoutBom() {
    String text = "naïve café – 東京";
    assertSniffed(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8, 0, text);
    assertSniffed(concat(bytes(0xEF, 0xBB, 0xBF), text.getBytes(StandardCharsets.UTF_8)),
        StandardCharsets.UTF_8, 3, text);
  }

  @Test
  void utf16WithBomAndWithout() {
    String text = "name,city\nZoë,Kraków\n";
    assertSniffed(concat(bytes(0xFF, 0xFE), text.getBytes(StandardCharsets.UTF_16LE)),
        StandardCharsets.UTF_16LE, 2, text);
    assertSniffed(concat(bytes(0xFE, 0xFF), text.getBytes(StandardCharsets.UTF_16BE)),
        StandardCharsets.UTF_16BE, 2, text);
    assertSniffed(text.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE, 0, text);
    assertSniffed(text.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE, 0, text);
  }

  @Test
  void latin1AndWindows1252() {
    assertSniffed(bytes('c', 'a', 'f', 0xE9), StandardCharsets.ISO_8859_1, 0, "café");
    byte[] quoted = bytes(0x93, 'H', 'i', 0x94, ' ', 'c', 'o', 's', 't', 's', ' ', 0x80, '5');
    assertSniffed(quoted, EncodingSniffer.WINDOWS_1252, 0, "\u201CHi\u201D costs €5");
    // 0x81 is undefined in Windows-1252: Latin-1 is the charset that still decodes the sample
    assertSniffed(bytes('a', 0x81, 0xE9), StandardCharsets.ISO_8859_1, 0, "a\u0081é");
  }

  @Test
  void aMultiByteSequenceCutAtTheEndOfATruncatedSampleIsStillUtf8() {
    byte[] full = "ab€".getBytes(StandardCharsets.UTF_8);
    byte[] cut = java.util.Arrays.copyOf(full, full.length - 1);
    assertThat(EncodingSniffer.sniff(cut, cut.length, true).charset())
        .isEqualTo(StandardCharsets.UTF_8);
    assertThat(EncodingSniffer.sniff(cut, cut.length, false).charset())
        .isNotEqualTo(StandardCharsets.UTF_8);
  }
}
