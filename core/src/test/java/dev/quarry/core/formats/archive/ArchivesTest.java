package dev.quarry.core.formats.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.csv.CsvTable;
import dev.quarry.core.formats.detect.FormatDetector;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchivesTest {

  private static final String CSV = "id,name\n1,ann\n2,bo\n";
  private static final String JSON = "[{\"id\": 1}]";

  @TempDir Path dir;

  private InputFile input(Path path) throws IOException {
    return FileIO.unrestricted().newInputFile(path.toString());
  }

  private static String read(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void zipListsSafeMembersAndReadsThem() throws IOException {
    Path zip = dir.resolve("bundle.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      put(out, "data/table.csv", CSV);
      put(out, "data/doc.json", JSON);
      put(out, "../evil", "gotcha");
      put(out, "__MACOSX/data/._table.csv", "resource fork");
      out.putNextEntry(new ZipEntry("empty-dir/"));
    }
    InputFile archive = input(zip);
    var members = Archives.members(archive, Format.ZIP);
    assertThat(members).extracting(ArchiveMember::path)
        .containsExactly("data/table.csv", "data/doc.json");
    assertThat(members.get(0).size()).isEqualTo(CSV.length());

    InputFile table = Archives.memberFile(archive, Format.ZIP, members.get(0));
    assertThat(table.location())
        .isEqualTo(new Location("file", "", zip.toAbsolutePath() + "!/data/table.csv"));
    assertThat(table.location().name()).isEqualTo("table.csv");
    assertThat(table.length()).isEqualTo(CSV.length());
    assertThat(read(table.newStream())).isEqualTo(CSV);
    assertThat(read(table.openRange(3, 4))).isEqualTo(CSV.substring(3, 7));
    assertThat(read(table.openRange(100, 4))).isEmpty();
    assertThat(FormatDetector.detect(table).format()).isEqualTo(Format.CSV);
    assertThat(FormatDetector.detect(Archives.memberFile(archive, Format.ZIP, members.get(1))).format())
        .isEqualTo(Format.JSON);

    // a member read through the CSV reader, like any file
    try (RecordReader rows = CsvTable.of(table).open()) {
      assertThat(rows.next()).containsExactly("1", "ann");
    }

    assertThatThrownBy(() -> Archives.memberFile(archive, Format.ZIP, new ArchiveMember("../evil", 6, null)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tarAndTgzListAndReadMembers() throws IOException {
    Path tar = dir.resolve("t.tar");
    writeTar(Files.newOutputStream(tar));
    Path tgz = dir.resolve("t.tgz");
    writeTar(new GZIPOutputStream(Files.newOutputStream(tgz)));

    for (var c : new Object[][] {{tar, Format.TAR}, {tgz, Format.TAR}, {tgz, Format.GZIP}}) {
      InputFile archive = input((Path) c[0]);
      Format format = (Format) c[1];
      var members = Archives.members(archive, format);
      assertThat(members).extracting(ArchiveMember::path).containsExactly("a.csv", "sub/b.json");
      assertThat(members).extracting(ArchiveMember::size)
          .containsExactly((long) CSV.length(), (long) JSON.length());
      assertThat(read(Archives.memberFile(archive, format, members.get(1)).newStream()))
          .isEqualTo(JSON);
      assertThat(read(Archives.memberFile(archive, format, members.get(0)).openRange(8, -1)))
          .isEqualTo(CSV.substring(8));
    }
  }

  @Test
  void gzipHoldsOneMemberNamedAfterTheFile() throws IOException {
    Path gz = dir.resolve("events.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(CSV.getBytes(StandardCharsets.UTF_8));
    }
    InputFile archive = input(gz);
    var members = Archives.members(archive, Format.GZIP);
    assertThat(members).singleElement().satisfies(m -> {
      assertThat(m.path()).isEqualTo("events.csv");
      assertThat(m.size()).isEqualTo(-1);
    });
    InputFile member = Archives.memberFile(archive, Format.GZIP, members.get(0));
    assertThat(read(member.newStream())).isEqualTo(CSV);

    Path spooled = Archives.spoolToTempFile(member);
    try {
      assertThat(Files.readString(spooled)).isEqualTo(CSV);
    } finally {
      Files.delete(spooled);
    }
  }

  private static void put(ZipOutputStream out, String name, String content) throws IOException {
    out.putNextEntry(new ZipEntry(name));
    out.write(content.getBytes(StandardCharsets.UTF_8));
    out.closeEntry();
  }

  private static void writeTar(OutputStream target) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(target)) {
      tar.putArchiveEntry(new TarArchiveEntry("sub/"));
      tar.closeArchiveEntry();
      for (String[] file : new String[][] {{"./a.csv", CSV}, {"sub/b.json", JSON}}) {
        byte[] data = file[1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(file[0]);
        entry.setSize(data.length);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
      }
    }
  }
}
