package dev.quarry.core.formats.text;

import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.TextDocument;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;

/** Opens prose: plain text (charset sniffed) and PDF (PDFBox, a page at a time). */
public final class TextDocuments {

  private TextDocuments() {}

  /**
   * Opens {@code file} as {@link Format#TEXT} or {@link Format#PDF}. Close the document when done:
   * a PDF holds the parsed file (and, for a remote file, a local temporary copy).
   *
   * @throws dev.quarry.core.formats.UnreadableInputException for an encrypted or corrupt PDF
   */
  public static TextDocument open(InputFile file, Format format) throws IOException {
    return switch (format) {
      case TEXT -> PlainTextDocument.open(file);
      case PDF -> PdfDocument.open(file);
      default -> throw new IllegalArgumentException("not a document format: " + format);
    };
  }
}
