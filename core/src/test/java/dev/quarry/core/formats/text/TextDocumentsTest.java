package dev.quarry.core.formats.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.TextDocument;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDocumentsTest {

  @TempDir Path dir;

  private InputFile input(Path path) throws IOException {
    return FileIO.unrestricted().newInputFile(path.toString());
  }

  private static String readAll(Reader reader) throws IOException {
    try (reader) {
      StringBuilder text = new StringBuilder();
      char[] buffer = new char[100];
      int n;
      while ((n = reader.read(buffer)) >= 0) {
        text.append(buffer, 0, n);
      }
      return text.toString();
    }
  }

  @Test
  void plainTextIsDecodedWithTheSniffedCharset() throws IOException {
    Path path = dir.resolve("quote.txt");
    Files.write(path, "\u201CSmart\u201D quotes cost \u20AC3 at the caf\u00E9.\n"
        .getBytes(Charset.forName("windows-1252")));
    try (TextDocument doc = TextDocuments.open(input(path), Format.TEXT)) {
      assertThat(doc.pages()).isZero();
      assertThat(doc.metadata()).containsEntry("charset", "windows-1252");
      assertThat(readAll(doc.text())).isEqualTo("\u201CSmart\u201D quotes cost \u20AC3 at the café.\n");
    }
  }

  @Test
  void pdfPagesMetadataAndTextPageByPage() throws IOException {
    Path path = dir.resolve("report.pdf");
    try (PDDocument document = new PDDocument()) {
      for (int i = 1; i <= 3; i++) {
        PDPage page = new PDPage();
        document.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(document, page)) {
          content.beginText();
          content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
          content.newLineAtOffset(72, 700);
          content.showText("Page number " + i + " of the report");
          content.endText();
        }
      }
      PDDocumentInformation info = document.getDocumentInformation();
      info.setTitle("Quarterly Report");
      info.setAuthor("Ada Lovelace");
      Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
      created.setTimeInMillis(0);
      created.set(2024, Calendar.MARCH, 1, 12, 0, 0);
      info.setCreationDate(created);
      document.save(path.toFile());
    }
    try (TextDocument doc = TextDocuments.open(input(path), Format.PDF)) {
      assertThat(doc.pages()).isEqualTo(3);
      assertThat(doc.metadata())
          .containsEntry("title", "Quarterly Report")
          .containsEntry("author", "Ada Lovelace")
          .containsEntry("created", "2024-03-01T12:00:00Z");
      String text = readAll(doc.text());
      assertThat(text).containsSubsequence(
          "Page number 1 of the report", "Page number 2 of the report", "Page number 3 of the report");
    }
  }

  @Test
  void encryptedAndCorruptPdfsAreUnreadable() throws IOException {
    Path encrypted = dir.resolve("secret.pdf");
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage());
      document.protect(new StandardProtectionPolicy("owner", "user", new AccessPermission()));
      document.save(encrypted.toFile());
    }
    assertThatThrownBy(() -> TextDocuments.open(input(encrypted), Format.PDF))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("secret.pdf")
        .hasMessageContaining("password");

    Path corrupt = Files.writeString(dir.resolve("broken.pdf"), "%PDF-1.7\nthis is not a pdf body");
    assertThatThrownBy(() -> TextDocuments.open(input(corrupt), Format.PDF))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("broken.pdf");
  }
}
