package dev.quarry.core.formats.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvTableTest {

  @TempDir Path dir;

  private InputFile write(String name, String content, Charset charset) throws IOException {
    Path path = dir.resolve(name);
    Files.write(path, content.getBytes(charset));
    return FileIO.unrestricted().newInputFile(path.toString());
  }

  private static List<List<Object>> readAll(RecordReader reader) throws IOException {
    List<List<Object>> rows = new ArrayList<>();
    try (reader) {
      Object[] row;
      while ((row = reader.next()) != null) {
        rows.add(Arrays.asList(row));
      }
    }
    return rows;
  }

  private static List<String> names(CsvTable table) throws IOException {
    return table.schema().columns().stream().map(Column::name).toList();
  }

  @ParameterizedTest
  @ValueSource(chars = {',', ';', '\t', '|'})
  void sniffsEachDelimiterAndReadsRows(char d) throws IOException {
    String csv = String.join("\n",
        "id" + d + "name" + d + "score",
        "1" + d + "alice" + d + "3.5",
        "2" + d + "bob" + d + "4.0",
        "3" + d + "carol" + d + "2.25") + "\n";
    InputFile file = write("t.csv", csv, StandardCharsets.UTF_8);
    CsvDialect dialect = CsvSniffer.sniff(file);
    assertThat(dialect.delimiter()).isEqualTo(d);
    assertThat(dialect.header()).isTrue();
    assertThat(dialect.skipLines()).isZero();
    CsvTable table = CsvTable.of(file, dialect);
    assertThat(names(table)).containsExactly("id", "name", "score");
    assertThat(readAll(table.open()))
        .containsExactly(List.of("1", "alice", "3.5"), List.of("2", "bob", "4.0"),
            List.of("3", "carol", "2.25"));
  }

  @Test
  void quotedFieldsKeepDelimitersQuotesAndNewlines() throws IOException {
    String csv = "id,text,n\n"
        + "1,\"a, b\",10\n"
        + "2,\"she said \"\"hi\"\"\",20\n"
        + "3,\"line one\nline two\",30\n"
        + "4,,\"\"\n";
    CsvTable table = CsvTable.of(write("q.csv", csv, StandardCharsets.UTF_8));
    assertThat(table.dialect().quote()).isEqualTo('"');
    List<List<Object>> rows = readAll(table.open());
    assertThat(rows.get(0)).containsExactly("1", "a, b", "10");
    assertThat(rows.get(1)).containsExactly("2", "she said \"hi\"", "20");
    assertThat(rows.get(2)).containsExactly("3", "line one\nline two", "30");
    // empty unquoted → null, empty quoted → ""
    assertThat(rows.get(3)).containsExactly("4", null, "");
  }

  @Test
  void noHeaderGivesPositionalColumns() throws IOException {
    CsvTable table = CsvTable.of(write("n.csv", "1,2,3\n4,5,6\n7,8,9\n", StandardCharsets.UTF_8));
    assertThat(table.dialect().header()).isFalse();
    assertThat(names(table)).containsExactly("column_1", "column_2", "column_3");
    assertThat(readAll(table.open())).hasSize(3).first().isEqualTo(List.of("1", "2", "3"));
  }

  @Test
  void skipsJunkLinesBeforeTheHeader() throws IOException {
    String csv = "Quarterly sales report\n\ncity;units;price\nParis;10;1.5\nLyon;20;2.5\nNice;5;3.0\n";
    InputFile file = write("junk.csv", csv, StandardCharsets.UTF_8);
    CsvDialect dialect = CsvSniffer.sniff(file);
    assertThat(dialect.delimiter()).isEqualTo(';');
    assertThat(dialect.skipLines()).isEqualTo(2);
    assertThat(dialect.header()).isTrue();
    CsvTable table = CsvTable.of(file, dialect);
    assertThat(names(table)).containsExactly("city", "units", "price");
    assertThat(readAll(table.open())).hasSize(3).first().isEqualTo(List.of("Paris", "10", "1.5"));
  }

  @Test
  void raggedRowsArePaddedOrCutAndCounted() throws IOException {
    String csv = "a,b,c\n1,2,3\n4,5\n6,7,8,9\n10,11,12\n";
    CsvTable table = CsvTable.of(write("r.csv", csv, StandardCharsets.UTF_8),
        CsvDialect.rfc4180());
    CsvRecordReader reader = table.open();
    List<List<Object>> rows = readAll(reader);
    assertThat(rows).containsExactly(Arrays.asList("1", "2", "3"), Arrays.asList("4", "5", null),
        Arrays.asList("6", "7", "8"), Arrays.asList("10", "11", "12"));
    assertThat(reader.malformedRows()).isEqualTo(2);
  }

  @Test
  void blankAndDuplicateHeaderNamesAreMadeUnique() throws IOException {
    CsvTable table = CsvTable.of(write("h.csv", "name,,name\nx,y,z\n", StandardCharsets.UTF_8),
        CsvDialect.rfc4180());
    assertThat(names(table)).containsExactly("name", "column_2", "name_2");
  }

  @Test
  void bomAndLatin1AreDecoded() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    Path path = dir.resolve("bom.csv");
    Files.write(path, concat(bom, "name,city\ncafé,Zürich\nthé,Genève\n".getBytes(StandardCharsets.UTF_8)));
    CsvTable table = CsvTable.of(FileIO.unrestricted().newInputFile(path.toString()));
    assertThat(table.dialect().bom()).isTrue();
    assertThat(names(table)).containsExactly("name", "city");
    assertThat(readAll(table.open()).get(0)).containsExactly("café", "Zürich");

    CsvTable latin = CsvTable.of(write("l.csv", "name,city\ncafé,Zürich\nthé,Genève\n",
        StandardCharsets.ISO_8859_1));
    assertThat(latin.dialect().charset()).isEqualTo(StandardCharsets.ISO_8859_1);
    assertThat(readAll(latin.open()).get(1)).containsExactly("thé", "Genève");
  }

  @Test
  void utf16IsReadWholeButNotSplit() throws IOException {
    Path path = dir.resolve("u16.csv");
    Files.write(path, concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
        "k,v\nä,1\nö,2\n".getBytes(StandardCharsets.UTF_16LE)));
    CsvTable table = CsvTable.of(FileIO.unrestricted().newInputFile(path.toString()));
    assertThat(table.isSplittable()).isFalse();
    assertThat(names(table)).containsExactly("k", "v");
    assertThat(readAll(table.open())).containsExactly(List.of("ä", "1"), List.of("ö", "2"));
  }

  @Test
  void gzipCompressedCsvIsReadAsAStream() throws IOException {
    Path gz = dir.resolve("data.csv.gz");
    try (Writer w = new java.io.OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(gz)),
        StandardCharsets.UTF_8)) {
      w.write("x,y\n1,2\n3,4\n");
    }
    var table = CsvTable.ofStream("data.csv", () -> new GZIPInputStream(Files.newInputStream(gz)),
        CsvDialect.rfc4180());
    assertThat(table.schema().columns()).extracting(Column::name).containsExactly("x", "y");
    assertThat(readAll(table.open())).containsExactly(List.of("1", "2"), List.of("3", "4"));
  }

  @Test
  void rangesOfABigFileReadEveryRecordExactlyOnce() throws IOException {
    Path path = dir.resolve("big.csv");
    Random random = new Random(42);
    int records = 60_000;
    try (Writer w = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
      w.write("id,label,note,value\r\n");
      for (int i = 0; i < records; i++) {
        String note = switch (i % 7) {
          case 0 -> "\"multi\nline, with \"\"quotes\"\"\"";
          case 1 -> "\"ends with newline\n\"";
          case 2 -> "";
          default -> "plain" + random.nextInt(1000);
        };
        w.write(i + ",label-" + random.nextInt() + "," + note + "," + random.nextDouble() + "\r\n");
      }
    }
    InputFile file = FileIO.unrestricted().newInputFile(path.toString());
    assertThat(file.length()).isGreaterThan(2_000_000);
    CsvTable table = CsvTable.of(file);
    List<List<Object>> single = readAll(table.open());
    assertThat(single).hasSize(records);

    for (long split : new long[] {64 * 1024 + 13, 1_000_003, 333_331}) {
      List<List<Object>> pieces = new ArrayList<>();
      for (long start = 0; start < file.length(); start += split) {
        try (CsvRecordReader reader = table.open(start, Math.min(file.length(), start + split))) {
          pieces.addAll(readAll(reader));
          assertThat(reader.malformedRows()).isZero();
        }
      }
      assertThat(pieces).as("split %d", split).isEqualTo(single);
    }
  }

  @Test
  void singleByteRangesStillPartitionTheRecords() throws IOException {
    String csv = "a,b\n1,\"x\ny\"\n2,z\n3,\"q\"\n";
    InputFile file = write("tiny.csv", csv, StandardCharsets.UTF_8);
    CsvTable table = CsvTable.of(file, CsvDialect.rfc4180());
    List<List<Object>> pieces = new ArrayList<>();
    for (long start = 0; start < file.length(); start++) {
      pieces.addAll(readAll(table.open(start, start + 1)));
    }
    assertThat(pieces).isEqualTo(readAll(table.open()));
    assertThat(pieces).hasSize(3);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

}
