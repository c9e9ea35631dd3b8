package dev.quarry.core.formats.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.Format;
import dev.quarry.core.storage.FileIO;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectorTest {

  @TempDir Path dir;

  private DetectedFormat detect(Path path) throws IOException {
    return FormatDetector.detect(FileIO.unrestricted().newInputFile(path.toString()));
  }

  private Path text(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void delimitedJsonAndProse() throws IOException {
    assertThat(detect(text("a.csv", "id,name,score\n1,ann,2.5\n2,bo,3\n3,cy,1\n")))
        .isEqualTo(DetectedFormat.text(Format.CSV, StandardCharsets.UTF_8));
    assertThat(detect(text("a.data", "id\tname\n1\tann\n2\tbo\n")).format()).isEqualTo(Format.TSV);
    assertThat(detect(text("semi.txt", "a;b;c\n1;2;3\n4;5;6\n")).format()).isEqualTo(Format.CSV);
    assertThat(detect(text("doc", "[\n  {\"a\": 1},\n  {\"a\": 2}\n]\n")).format())
        .isEqualTo(Format.JSON);
    assertThat(detect(text("obj.json", "{\"tables\": {\"x\": [1, 2]}}")).format())
        .isEqualTo(Format.JSON);
    assertThat(detect(text("lines", "{\"a\": 1}\n{\"a\": 2}\n{\"a\": 3}\n")).format())
        .isEqualTo(Format.JSONL);
    assertThat(detect(text("story.txt", """
        It was a bright cold day in April, and the clocks were striking thirteen.
        Winston Smith, his chin nuzzled into his breast in an effort to escape the vile wind,
        slipped quickly through the glass doors of Victory Mansions, though not quickly enough.
        The hallway smelt of boiled cabbage and old rag mats.
        """)).format()).isEqualTo(Format.TEXT);
  }

  @Test
  void longJsonIsRecognisedFromItsHead() throws IOException {
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < 20_000; i++) {
      json.append("  {\"id\": ").append(i).append(", \"name\": \"n").append(i).append("\"},\n");
    }
    json.append("  {\"id\": -1}\n]\n");
    assertThat(detect(text("big", json.toString())).format()).isEqualTo(Format.JSON);
  }

  @Test
  void binaryJunkAndEmptyFiles() throws IOException {
    byte[] junk = new byte[4096];
    new Random(7).nextBytes(junk);
    assertThat(detect(Files.write(dir.resolve("junk.csv"), junk)).format())
        .isEqualTo(Format.BINARY);
    assertThat(detect(Files.write(dir.resolve("empty.csv"), new byte[0])).format())
        .isEqualTo(Format.TEXT);
  }

  @Test
  void containers() throws IOException {
    Path gz = dir.resolve("notes.txt.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("hello\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(detect(gz)).isEqualTo(DetectedFormat.of(Format.GZIP));

    Path zip = dir.resolve("bundle.xlsx"); // a misleading name must not make it a workbook
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("data.csv"));
      out.write("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(detect(zip).format()).isEqualTo(Format.ZIP);

    Path xlsx = dir.resolve("book.bin");
    try (XSSFWorkbook book = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(xlsx)) {
      book.createSheet("s").createRow(0).createCell(0).setCellValue("x");
      book.write(out);
    }
    assertThat(detect(xlsx).format()).isEqualTo(Format.XLSX);
    byte[] head = Files.readAllBytes(xlsx);
    assertThat(FormatDetector.detect(head, head.length, null).format()).isEqualTo(Format.XLSX);

    Path tar = dir.resolve("t.tar");
    writeTar(Files.newOutputStream(tar));
    assertThat(detect(tar).format()).isEqualTo(Format.TAR);
    Path tgz = dir.resolve("t.tgz");
    writeTar(new GZIPOutputStream(Files.newOutputStream(tgz)));
    assertThat(detect(tgz)).isEqualTo(new DetectedFormat(Format.TAR, "application/gzip", null));
  }

  private static void writeTar(OutputStream target) throws IOException {
    byte[] data = "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8);
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(target)) {
      TarArchiveEntry entry = new TarArchiveEntry("data.csv");
      entry.setSize(data.length);
      tar.putArchiveEntry(entry);
      tar.write(data);
      tar.closeArchiveEntry();
    }
  }

  @Test
  void documentsAndDatabases() throws Exception {
    Path pdf = dir.resolve("doc.pdf");
    try (PDDocument document = new PDDocument()) {
      document.addPage(new PDPage());
      document.save(pdf.toFile());
    }
    assertThat(detect(pdf).format()).isEqualTo(Format.PDF);
    assertThat(detect(text("fake.pdf", "just words, not a pdf")).format()).isEqualTo(Format.TEXT);

    Path sqlite = dir.resolve("db.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + sqlite);
        Statement s = c.createStatement()) {
      s.execute("create table t (x int)");
      s.execute("insert into t values (1)");
    }
    assertThat(detect(sqlite).format()).isEqualTo(Format.SQLITE);

    Path duck = dir.resolve("db.duckdb");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:" + duck);
        Statement s = c.createStatement()) {
      s.execute("create table t (x int)");
    }
    assertThat(detect(duck).format()).isEqualTo(Format.DUCKDB);

    Path parquet = dir.resolve("data.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement()) {
      s.execute("copy (select 1 as x) to '" + parquet + "' (format parquet)");
    }
    assertThat(detect(parquet).format()).isEqualTo(Format.PARQUET);
  }
}
