package dev.quarry.core.formats.text;

import dev.quarry.core.formats.TextDocument;
import dev.quarry.core.formats.detect.EncodingSniffer;
import dev.quarry.core.formats.detect.SniffedCharset;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.util.Map;

/** A plain text file: its charset sniffed from the head, its text streamed with that charset. */
final class PlainTextDocument implements TextDocument {

  private static final int SAMPLE = 64 * 1024;

  private final InputFile file;
  private final SniffedCharset charset;

  private PlainTextDocument(InputFile file, SniffedCharset charset) {
    this.file = file;
    this.charset = charset;
  }

  static PlainTextDocument open(InputFile file) throws IOException {
    byte[] head;
    try (InputStream in = file.openRange(0, SAMPLE)) {
      head = in.readNBytes(SAMPLE);
    }
    return new PlainTextDocument(file, EncodingSniffer.sniff(head, head.length, head.length == SAMPLE));
  }

  @Override
  public Map<String, String> metadata() {
    return Map.of("charset", charset.charset().name());
  }

  @Override
  public int pages() {
    return 0;
  }

  /** The text after any byte-order mark; bytes the charset cannot decode become U+FFFD. */
  @Override
  public Reader text() throws IOException {
    InputStream in = file.newStream();
    try {
      in.skipNBytes(charset.bomLength());
    } catch (IOException e) {
      in.close();
      throw e;
    }
    return new InputStreamReader(
        in,
        charset
            .charset()
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE));
  }

  @Override
  public void close() {
    // nothing held between calls: each text() opens its own stream
  }
}
