package dev.quarry.core.formats;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.Map;

/** Prose read from a text or PDF file: its metadata and a stream of its text. */
public interface TextDocument extends Closeable {

  /** Title, author, subject, keywords, creator, producer, created... (PDF info), where present. */
  Map<String, String> metadata();

  /** Pages (PDF), or 0 when the format has none. */
  int pages();

  /** The text, streamed (a PDF page at a time). */
  Reader text() throws IOException;
}
