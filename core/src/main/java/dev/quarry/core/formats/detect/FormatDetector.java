package dev.quarry.core.formats.detect;

import dev.quarry.core.formats.Format;
import dev.quarry.core.storage.InputFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.tika.Tika;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.mime.MimeTypes;

/**
 * Finds the format of a file from its first 64 KiB.
 *
 * <p>Binary formats are recognised by their magic bytes only (Tika's default MIME database plus the
 * signatures Tika lacks: Parquet, DuckDB); the file name never makes a text file a PDF. Zip files are
 * XLSX when they hold {@code xl/workbook.xml}; gzip files wrapping a tar are TAR. Anything else is
 * decoded with the sniffed charset and classified as JSON, JSON Lines, CSV, TSV or plain text, unless
 * it holds NUL or control bytes that no text has, which makes it BINARY. An empty file is empty TEXT.
 */
public final class FormatDetector {

  public static final int SAMPLE_SIZE = 64 * 1024;

  private static final Tika TIKA = new Tika();
  private static final MediaTypeRegistry REGISTRY =
      MimeTypes.getDefaultMimeTypes().getMediaTypeRegistry();
  private static final MediaType ZIP = MediaType.application("zip");
  private static final MediaType TAR = MediaType.application("x-tar");
  private static final String WORKBOOK = "xl/workbook.xml";
  /** Share of control characters above which a decoded sample is not text. */
  private static final double MAX_CONTROL_SHARE = 0.01;

  private FormatDetector() {}

  /** Detects the format of a file; for local zip files the central directory settles XLSX. */
  public static DetectedFormat detect(InputFile file) throws IOException {
    byte[] head;
    try (InputStream in = file.openRange(0, SAMPLE_SIZE)) {
      head = in.readNBytes(SAMPLE_SIZE);
    }
    DetectedFormat found = detect(head, head.length, file.location().name());
    if (found.format() == Format.ZIP && file.location().isLocal()) {
      try (ZipFile zip = new ZipFile(file.location().toPath().toFile())) {
        if (zip.getEntry(WORKBOOK) != null) {
          return DetectedFormat.of(Format.XLSX);
        }
      } catch (IOException e) {
        // a zip whose central directory is unreadable stays ZIP; its reader reports the damage
      }
    }
    return found;
  }

  /**
   * Detects the format of a file from its first bytes {@code head[0, length)}. A sample of
   * {@value #SAMPLE_SIZE} bytes is taken to be the head of a longer file.
   *
   * @param fileName the file name, used only to name an OLE2 file as XLS and to settle a one-line
   *     text; may be null
   */
  public static DetectedFormat detect(byte[] head, int length, String fileName) {
    if (length == 0) {
      return DetectedFormat.text(Format.TEXT, StandardCharsets.UTF_8);
    }
    boolean truncated = length >= SAMPLE_SIZE;
    DetectedFormat binary = byMagic(head, length, fileName);
    if (binary != null) {
      return binary;
    }
    SniffedCharset charset = EncodingSniffer.sniff(head, length, truncated);
    String text = EncodingSniffer.decode(head, length, charset);
    if (looksBinary(head, length, charset, text)) {
      return DetectedFormat.of(Format.BINARY);
    }
    Format format = TextShape.classify(text, truncated, fileName);
    return DetectedFormat.text(format, charset.charset());
  }

  private static DetectedFormat byMagic(byte[] head, int length, String fileName) {
    if (startsWith(head, length, 0, "PAR1")) {
      return DetectedFormat.of(Format.PARQUET);
    }
    if (startsWith(head, length, 0, "SQLite format 3\0")) {
      return DetectedFormat.of(Format.SQLITE);
    }
    if (startsWith(head, length, 8, "DUCK")) {
      return DetectedFormat.of(Format.DUCKDB);
    }
    MediaType type;
    try {
      byte[] sample = length == head.length ? head : Arrays.copyOf(head, length);
      type = MediaType.parse(TIKA.detect(sample));
    } catch (RuntimeException e) {
      return null;
    }
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    String subtype = type.getBaseType().toString();
    switch (subtype) {
      case "application/gzip", "application/x-gzip":
        return wrapsTar(head, length)
            ? new DetectedFormat(Format.TAR, Format.GZIP.mediaType(), null)
            : DetectedFormat.of(Format.GZIP);
      case "application/pdf":
        return DetectedFormat.of(Format.PDF);
      case "application/x-sqlite3":
        return DetectedFormat.of(Format.SQLITE);
      case "application/vnd.ms-excel":
        return DetectedFormat.of(Format.XLS);
      case "application/x-tika-msoffice":
        // an OLE2 container; without parsing its directory only the name tells a workbook
        return name.endsWith(".xls") ? DetectedFormat.of(Format.XLS) : DetectedFormat.of(Format.BINARY);
      default:
        break;
    }
    if (type.equals(ZIP) || REGISTRY.isSpecializationOf(type, ZIP)) {
      return headListsWorkbook(head, length) ? DetectedFormat.of(Format.XLSX) : DetectedFormat.of(Format.ZIP);
    }
    if (type.equals(TAR) || REGISTRY.isSpecializationOf(type, TAR)) {
      return DetectedFormat.of(Format.TAR);
    }
    return null;
  }

  private static boolean wrapsTar(byte[] head, int length) {
    try (InputStream in =
        new GzipCompressorInputStream(new ByteArrayInputStream(head, 0, length))) {
      byte[] block = in.readNBytes(512);
      return TarArchiveInputStream.matches(block, block.length);
    } catch (IOException e) {
      return false; // the head is cut before the first tar header: not recognisably a tar
    }
  }

  /** Looks for the workbook among the local entry headers at the start of the zip. */
  private static boolean headListsWorkbook(byte[] head, int length) {
    try (ZipArchiveInputStream zip =
        new ZipArchiveInputStream(new ByteArrayInputStream(head, 0, length))) {
      ZipArchiveEntry entry;
      while ((entry = zip.getNextEntry()) != null) {
        if (WORKBOOK.equals(entry.getName())) {
          return true;
        }
      }
    } catch (IOException e) {
      // the sample ends inside an entry: what was listed so far is all we know
    }
    return false;
  }

  private static boolean looksBinary(byte[] head, int length, SniffedCharset charset, String text) {
    boolean utf16 = charset.charset().name().startsWith("UTF-16");
    if (!utf16) {
      for (int i = 0; i < length; i++) {
        if (head[i] == 0) {
          return true;
        }
      }
    }
    long controls =
        text.chars()
            .filter(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7F
                || (c >= 0x80 && c <= 0x9F) || c == 0xFFFD)
            .count();
    return controls > Math.max(1, text.length() * MAX_CONTROL_SHARE);
  }

  private static boolean startsWith(byte[] head, int length, int offset, String magic) {
    byte[] m = magic.getBytes(StandardCharsets.ISO_8859_1);
    if (length < offset + m.length) {
      return false;
    }
    for (int i = 0; i < m.length; i++) {
      if (head[offset + i] != m[i]) {
        return false;
      }
    }
    return true;
  }
}
