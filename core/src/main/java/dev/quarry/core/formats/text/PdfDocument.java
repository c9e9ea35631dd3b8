package dev.quarry.core.formats.text;

import dev.quarry.core.formats.TextDocument;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Calendar;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;

/**
 * A PDF read with PDFBox. PDFBox needs random access, so a remote file is first copied to a
 * temporary file, deleted on {@link #close()}. The text is extracted one page at a time as the
 * reader is consumed, so a long PDF never becomes one giant string.
 */
final class PdfDocument implements TextDocument {

  private final PDDocument document;
  private final Path spooled; // null when reading the user's local file in place
  private final Map<String, String> metadata;

  private PdfDocument(PDDocument document, Path spooled) {
    this.document = document;
    this.spooled = spooled;
    this.metadata = metadataOf(document.getDocumentInformation());
  }

  static PdfDocument open(InputFile file) throws IOException {
    Path spooled = null;
    Path path;
    if (file.location().isLocal()) {
      path = file.location().toPath();
    } else {
      spooled = Files.createTempFile("quarry-pdf-", ".pdf");
      try (InputStream in = file.newStream()) {
        Files.copy(in, spooled, StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(spooled);
        throw e;
      }
      path = spooled;
    }
    PDDocument document = null;
    try {
      document = Loader.loadPDF(new RandomAccessReadBufferedFile(path.toFile()));
      if (document.isEncrypted() && !document.getCurrentAccessPermission().canExtractContent()) {
        throw new UnreadableInputException(
            file.location() + ": the PDF is encrypted and does not permit text extraction");
      }
      return new PdfDocument(document, spooled);
    } catch (InvalidPasswordException e) {
      cleanUp(document, spooled);
      throw new UnreadableInputException(
          file.location() + ": the PDF is encrypted and needs a password to open", e);
    } catch (UnreadableInputException e) {
      cleanUp(document, spooled);
      throw e;
    } catch (IOException | RuntimeException e) {
      cleanUp(document, spooled);
      throw new UnreadableInputException(
          file.location() + ": not a readable PDF: " + e.getMessage(), e);
    }
  }

  private static void cleanUp(PDDocument document, Path spooled) throws IOException {
    try {
      if (document != null) {
        document.close();
      }
    } finally {
      if (spooled != null) {
        Files.deleteIfExists(spooled);
      }
    }
  }

  private static Map<String, String> metadataOf(PDDocumentInformation info) {
    Map<String, String> map = new LinkedHashMap<>();
    put(map, "title", info.getTitle());
    put(map, "author", info.getAuthor());
    put(map, "subject", info.getSubject());
    put(map, "keywords", info.getKeywords());
    put(map, "creator", info.getCreator());
    put(map, "producer", info.getProducer());
    put(map, "created", iso(info.getCreationDate()));
    put(map, "modified", iso(info.getModificationDate()));
    return Map.copyOf(map);
  }

  private static void put(Map<String, String> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value.strip());
    }
  }

  private static String iso(Calendar calendar) {
    return calendar == null ? null : calendar.toInstant().toString();
  }

  @Override
  public Map<String, String> metadata() {
    return metadata;
  }

  @Override
  public int pages() {
    return document.getNumberOfPages();
  }

  @Override
  public Reader text() throws IOException {
    return new PageReader();
  }

  @Override
  public void close() throws IOException {
    cleanUp(document, spooled);
  }

  /** Extracts the next page only when the current one has been read. */
  private final class PageReader extends Reader {

    private final PDFTextStripper stripper = new PDFTextStripper();
    private int nextPage = 1;
    private Reader page = Reader.nullReader();

    @Override
    public int read(char[] buffer, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      while (true) {
        int n = page.read(buffer, off, len);
        if (n >= 0) {
          return n;
        }
        if (nextPage > document.getNumberOfPages()) {
          return -1;
        }
        stripper.setStartPage(nextPage);
        stripper.setEndPage(nextPage);
        nextPage++;
        page = new StringReader(stripper.getText(document));
      }
    }

    @Override
    public void close() {
      page = Reader.nullReader();
      nextPage = Integer.MAX_VALUE;
    }
  }
}
