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

  @Test
  void remoteZipIsListedAndReadThroughRangedReads() throws IOException {
    Path zip = dir.resolve("remote.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      StringBuilder big = new StringBuilder("x\n");
      java.util.Random random = new java.util.Random(1);
      for (int i = 0; i < 200_000; i++) {
        big.append(random.nextLong()).append('\n'); // incompressible: a zip of megabytes
      }
      put(out, "big.csv", big.toString());
      put(out, "small.json", JSON);
    }
    InputFile local = input(zip);
    RemoteLike remote = new RemoteLike(local);
    var members = Archives.members(remote, Format.ZIP);
    assertThat(members).extracting(ArchiveMember::path).containsExactly("big.csv", "small.json");
    // the central directory sits at the end: listing must not read the compressed data
    assertThat(local.length()).isGreaterThan(1_500_000);
    assertThat(remote.bytesServed).isLessThan(local.length() / 2);
    InputFile member = Archives.memberFile(remote, Format.ZIP, members.get(1));
    assertThat(member.location().uri()).isEqualTo("s3://bucket/data/remote.zip!/small.json");
    assertThat(read(member.newStream())).isEqualTo(JSON);
  }

  /** A local file posing as an S3 object, counting the bytes served by ranged reads. */
  private static final class RemoteLike implements InputFile {
    private final InputFile local;
    long bytesServed;

    RemoteLike(InputFile local) {
      this.local = local;
    }

    @Override
    public Location location() {
      return Location.parse("s3://bucket/data/remote.zip");
    }

    @Override
    public dev.quarry.core.storage.FileStatus status() {
      return new dev.quarry.core.storage.FileStatus(location(), local.length(), null, "etag-1");
    }

    @Override
    public InputStream newStream() throws IOException {
      bytesServed += local.length();
      return local.newStream();
    }

    @Override
    public InputStream openRange(long offset, long length) throws IOException {
      bytesServed += length < 0 ? local.length() - offset : Math.min(length, local.length() - offset);
      return local.openRange(offset, length);
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
