package dev.quarry.core.formats.excel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.crypt.Encryptor;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ExcelTablesTest {

  @TempDir Path dir;

  private Path write(Format format) throws IOException {
    return format == Format.XLSX
        ? WorkbookFixtures.write(new XSSFWorkbook(), dir.resolve("book.xlsx"))
        : WorkbookFixtures.write(new HSSFWorkbook(), dir.resolve("book.xls"));
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"XLSX", "XLS"})
  void oneTablePerSheetNamedAfterIt(Format format) throws Exception {
    try (ExcelTables book = ExcelTables.open(input(write(format)), format)) {
      assertThat(book.tables()).extracting(Table::name).containsExactly("People", "Times", "Empty");
    }
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"XLSX", "XLS"})
  void headerIsTheFirstNonEmptyRowAndTypesAreWidenedOverTheColumn(Format format) throws Exception {
    try (ExcelTables book = ExcelTables.open(input(write(format)), format)) {
      Table people = book.tables().get(0);

      assertThat(people.schema().columns())
          .extracting(Column::name, Column::type)
          .containsExactly(
              tuple("Name", ValueType.STRING),
              tuple("Born", ValueType.DATE),
              tuple("Score", ValueType.FLOAT),
              tuple("Active", ValueType.BOOLEAN),
              tuple("Total", ValueType.INTEGER),
              tuple("column_6", ValueType.STRING),
              tuple("Name_2", ValueType.STRING),
              tuple("Note", ValueType.STRING));
      assertThat(readAll(people))
          .containsExactly(
              new Object[] {"Ada", LocalDate.of(1915, 12, 10), 36.0, true, 72L, "x", "A.", "1"},
              new Object[] {"Grace", LocalDate.of(1906, 12, 9), 85.5, false, 171L, null, "G.", "text"},
              new Object[8], // the empty row between Grace and Linus; the ones after Linus are dropped
              new Object[] {"Linus", LocalDate.of(1969, 12, 28), 3.0, true, null, null, "L.", "TRUE"});
    }
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"XLSX", "XLS"})
  void datesTimesAndNumberFormatsDecideTheValueClass(Format format) throws Exception {
    try (ExcelTables book = ExcelTables.open(input(write(format)), format)) {
      Table times = book.tables().get(1);

      assertThat(times.schema().columns())
          .extracting(Column::name, Column::type)
          .containsExactly(
              tuple("When", ValueType.DATETIME),
              tuple("Clock", ValueType.TIME),
              tuple("Mixed", ValueType.STRING),
              tuple("Amount", ValueType.FLOAT));
      assertThat(readAll(times))
          .containsExactly(
              new Object[] {LocalDateTime.of(2024, 5, 6, 7, 8, 9), LocalTime.NOON, "42", 1_234_567.0},
              new Object[] {LocalDateTime.of(2024, 5, 7, 0, 0), LocalTime.of(18, 0), "forty-two", 10.0});
    }
  }

  @ParameterizedTest
  @EnumSource(value = Format.class, names = {"XLSX", "XLS"})
  void anEmptySheetHasNoColumnsAndNoRecords(Format format) throws Exception {
    try (ExcelTables book = ExcelTables.open(input(write(format)), format)) {
      Table empty = book.tables().get(2);
      assertThat(empty.schema().columns()).isEmpty();
      assertThat(readAll(empty)).isEmpty();
    }
  }

  @Test
  void xlsxAndXlsOfTheSameContentReadTheSame() throws Exception {
    try (ExcelTables xlsx = ExcelTables.open(input(write(Format.XLSX)), Format.XLSX);
        ExcelTables xls = ExcelTables.open(input(write(Format.XLS)), Format.XLS)) {
      for (int t = 0; t < 3; t++) {
        assertThat(xlsx.tables().get(t).schema()).isEqualTo(xls.tables().get(t).schema());
        assertThat(readAll(xlsx.tables().get(t))).containsExactlyElementsOf(readAll(xls.tables().get(t)));
      }
    }
  }

  @Test
  void aHundredThousandRowSheetStreamsInA64MegabyteHeap() throws Exception {
    Path path = dir.resolve("big.xlsx");
    int rows = 100_000;
    try (SXSSFWorkbook wb = new SXSSFWorkbook(100); OutputStream out = Files.newOutputStream(path)) {
      Sheet sheet = wb.createSheet("data");
      Row header = sheet.createRow(0);
      String[] names = {"id", "label", "value", "even", "group"};
      for (int c = 0; c < names.length; c++) {
        header.createCell(c).setCellValue(names[c]);
      }
      for (int i = 1; i <= rows; i++) {
        Row row = sheet.createRow(i);
        row.createCell(0).setCellValue(i);
        row.createCell(1).setCellValue("label number " + i);
        row.createCell(2).setCellValue(i / 7.0);
        row.createCell(3).setCellValue(i % 2 == 0);
        row.createCell(4).setCellValue("group-" + (i % 13));
      }
      wb.write(out);
      wb.dispose();
    }

    // A child JVM with a heap far too small for POI's in-memory model of 500 000 cells.
    String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process probe =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m",
                "-cp",
                classPath,
                ExcelStreamingProbe.class.getName(),
                path.toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(probe.getInputStream().readAllBytes()).strip();
    assertThat(probe.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(probe.exitValue()).as(output).isZero();
    long expectedSum = (long) rows * (rows + 1) / 2;
    assertThat(output.lines().reduce((a, b) -> b).orElse("")).isEqualTo(rows + " " + expectedSum);

    try (ExcelTables book = ExcelTables.open(input(path), Format.XLSX)) {
      Table data = book.tables().get(0);
      assertThat(data.schema().columns())
          .extracting(Column::type)
          .containsExactly(ValueType.INTEGER, ValueType.STRING, ValueType.FLOAT, ValueType.BOOLEAN, ValueType.STRING);
      try (RecordReader reader = data.open()) {
        assertThat(reader.next()).containsExactly(1L, "label number 1", 1 / 7.0, false, "group-1");
      }
    }
  }

  @Test
  void aNonLocalWorkbookIsCopiedLocallyAndTheCopyDeletedOnClose() throws Exception {
    Path path = write(Format.XLSX);
    InputFile remote = new RemoteLookingFile(input(path));
    List<Path> before = spoolFiles();

    ExcelTables book = ExcelTables.open(remote, Format.XLSX);
    assertThat(spoolFiles()).hasSize(before.size() + 1);
    assertThat(readAll(book.tables().get(1))).hasSize(2);
    book.close();

    assertThat(spoolFiles()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void corruptFilesAreUnreadableInputNamingTheFile() throws Exception {
    Path junk = Files.write(dir.resolve("junk.xlsx"), "not a workbook, just text".getBytes());
    Path empty = Files.write(dir.resolve("empty.xlsx"), new byte[0]);
    Path zip = dir.resolve("plain.xlsx");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("readme.txt"));
      out.write("a ZIP, but not a workbook".getBytes());
    }
    byte[] good = Files.readAllBytes(write(Format.XLS));
    Path truncatedXls = Files.write(dir.resolve("truncated.xls"), Arrays.copyOf(good, good.length / 3));

    for (Path bad : List.of(junk, empty, zip, truncatedXls)) {
      Format format = bad.toString().endsWith(".xls") ? Format.XLS : Format.XLSX;
      assertThatThrownBy(() -> ExcelTables.open(input(bad), format).close())
          .as(bad.toString())
          .isInstanceOf(UnreadableInputException.class)
          .hasMessageContaining(bad.getFileName().toString());
    }
  }

  @Test
  void aDamagedSheetInsideAValidPackageFailsWhenRead() throws Exception {
    Path zip = dir.resolve("damaged.xlsx");
    try (var in = new java.util.zip.ZipInputStream(Files.newInputStream(write(Format.XLSX)));
        ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        byte[] bytes = in.readAllBytes();
        if (e.getName().equals("xl/worksheets/sheet1.xml")) {
          bytes = Arrays.copyOf(bytes, bytes.length / 2); // cut mid-element
        }
        out.putNextEntry(new ZipEntry(e.getName()));
        out.write(bytes);
      }
    }
    try (ExcelTables book = ExcelTables.open(input(zip), Format.XLSX)) {
      assertThatThrownBy(() -> book.tables().get(0).schema())
          .isInstanceOf(UnreadableInputException.class)
          .hasMessageContaining("damaged.xlsx")
          .hasMessageContaining("People");
    }
  }

  @Test
  void passwordProtectedWorkbooksAreUnreadableInput() throws Exception {
    Path xlsx = dir.resolve("secret.xlsx");
    EncryptionInfo info = new EncryptionInfo(EncryptionMode.agile);
    Encryptor encryptor = info.getEncryptor();
    encryptor.confirmPassword("s3cret");
    try (POIFSFileSystem fs = new POIFSFileSystem()) {
      try (XSSFWorkbook wb = new XSSFWorkbook(); OutputStream os = encryptor.getDataStream(fs)) {
        wb.createSheet("hidden").createRow(0).createCell(0).setCellValue("secret");
        wb.write(os);
      }
      try (OutputStream out = Files.newOutputStream(xlsx)) {
        fs.writeFilesystem(out);
      }
    }
    Path xls = dir.resolve("secret.xls");
    Biff8EncryptionKey.setCurrentUserPassword("s3cret");
    try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(xls)) {
      wb.createSheet("hidden").createRow(0).createCell(0).setCellValue("secret");
      wb.write(out);
    } finally {
      Biff8EncryptionKey.setCurrentUserPassword(null);
    }

    assertThatThrownBy(() -> ExcelTables.open(input(xlsx), Format.XLSX))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("secret.xlsx")
        .hasMessageContaining("password-protected");
    assertThatThrownBy(() -> ExcelTables.open(input(xls), Format.XLS))
        .isInstanceOf(UnreadableInputException.class)
        .hasMessageContaining("secret.xls")
        .hasMessageContaining("password-protected");
  }

  // --- helpers ---

  private static InputFile input(Path path) throws IOException {
    return FileIO.unrestricted().newInputFile(path.toString());
  }

  private static List<Object[]> readAll(Table table) throws IOException {
    List<Object[]> rows = new ArrayList<>();
    try (RecordReader reader = table.open()) {
      for (Object[] row = reader.next(); row != null; row = reader.next()) {
        assertThat(row).hasSize(reader.schema().size());
        rows.add(row);
      }
    }
    return rows;
  }

  private static List<Path> spoolFiles() throws IOException {
    try (Stream<Path> files = Files.list(new File(System.getProperty("java.io.tmpdir")).toPath())) {
      return files.filter(p -> p.getFileName().toString().startsWith("quarry-excel-")).toList();
    }
  }

  /** A local file presented under an s3:// location, as an object store would serve it. */
  private record RemoteLookingFile(InputFile local) implements InputFile {
    @Override
    public Location location() {
      return Location.parse("s3://bucket/books/book.xlsx");
    }

    @Override
    public FileStatus status() {
      return local.status();
    }

    @Override
    public InputStream newStream() throws IOException {
      return local.newStream();
    }

    @Override
    public InputStream openRange(long offset, long length) throws IOException {
      return local.openRange(offset, length);
    }
  }
}
