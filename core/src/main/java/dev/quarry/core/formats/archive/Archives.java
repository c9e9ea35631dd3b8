package dev.quarry.core.formats.archive;

import dev.quarry.core.formats.Format;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists and opens the files inside ZIP, TAR (plain or gzip-compressed: .tar.gz, .tgz) and GZIP
 * files. Each member can be read as an {@link InputFile} whose location is the archive's with
 * {@code !/member/path} appended to the path, like a jar URL.
 *
 * <p>Zip files are read through their central directory (commons-compress {@link ZipFile}): directly
 * for local files, through ranged reads for remote ones, so listing never downloads the data. Tar has
 * no directory: listing streams over the headers, and opening a member streams to it. Directories,
 * {@code __MACOSX/} resource forks and names that would escape the archive (absolute, {@code ..};
 * "zip slip") are left out of listings and refused by {@link #memberFile}.
 *
 * <p>Zip bombs: nothing here decompresses more than it is asked for. Detection reads a member with
 * {@code openRange(0, SNIFF_LIMIT)}, which stops decompressing after {@link #SNIFF_LIMIT} bytes.
 */
public final class Archives {

  /** What format detection needs of a member; reading it costs at most this much decompression. */
  public static final int SNIFF_LIMIT = 64 * 1024;

  private static final Logger LOG = LoggerFactory.getLogger(Archives.class);
  private static final Pattern DRIVE = Pattern.compile("^[A-Za-z]:.*");

  private Archives() {}

  /** The members of a ZIP, TAR or GZIP file, in archive order. */
  public static List<ArchiveMember> members(InputFile archive, Format format) throws IOException {
    return switch (format) {
      case ZIP -> zipMembers(archive);
      case TAR -> tarMembers(archive);
      case GZIP -> wrapsTar(archive) ? tarMembers(archive) : List.of(gzipMember(archive));
      default -> throw new IllegalArgumentException("not an archive format: " + format);
    };
  }

  /**
   * A member as a file: {@code newStream()} decompresses it; {@code openRange} decompresses from the
   * member's start and skips (sequential, not random access); {@code status().size()} is the
   * uncompressed size, or -1 when unknown (gzip).
   *
   * @throws IllegalArgumentException if the member's path escapes the archive
   */
  public static InputFile memberFile(InputFile archive, Format format, ArchiveMember member) {
    String path = safePath(member.path());
    if (path == null) {
      throw new IllegalArgumentException("refusing archive member outside the archive: " + member.path());
    }
    Location archiveLocation = archive.location();
    Location location =
        new Location(archiveLocation.scheme(), archiveLocation.authority(),
            archiveLocation.path() + "!/" + path);
    // the member changes whenever the archive does: derive its version from the archive's
    String version = archive.status().version() + "!/" + path;
    FileStatus status = new FileStatus(location, member.size(), member.modified(), version);
    return new MemberFile(status, () -> openMember(archive, format, path));
  }

  /**
   * Copies a file (typically a member) to a new temporary file, for readers that need random access.
   * The caller deletes the file when done.
   */
  public static Path spoolToTempFile(InputFile file) throws IOException {
    String name = file.location().name().replaceAll("[^A-Za-z0-9._-]", "_");
    Path temp = Files.createTempFile("quarry-", "-" + name);
    try (InputStream in = file.newStream()) {
      Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    return temp;
  }

  // ---- zip

  private static ZipFile openZip(InputFile archive) throws IOException {
    if (archive.location().isLocal()) {
      return ZipFile.builder().setPath(archive.location().toPath()).get();
    }
    return ZipFile.builder().setSeekableByteChannel(new RangeReadChannel(archive)).get();
  }

  private static List<ArchiveMember> zipMembers(InputFile archive) throws IOException {
    List<ArchiveMember> members = new ArrayList<>();
    try (ZipFile zip = openZip(archive)) {
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        String path = listable(archive, entry.getName(), entry.isDirectory());
        if (path != null) {
          Instant modified = entry.getTime() < 0 ? null : Instant.ofEpochMilli(entry.getTime());
          members.add(new ArchiveMember(path, entry.getSize(), modified));
        }
      }
    }
    return List.copyOf(members);
  }

  // ---- tar

  private static List<ArchiveMember> tarMembers(InputFile archive) throws IOException {
    List<ArchiveMember> members = new ArrayList<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(unwrapped(archive))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        String path = listable(archive, entry.getName(), !entry.isFile());
        if (path != null) {
          Instant modified = entry.getModTime() == null ? null : entry.getModTime().toInstant();
          members.add(new ArchiveMember(path, entry.getSize(), modified));
        }
      }
    }
    return List.copyOf(members);
  }

  // ---- gzip

  private static ArchiveMember gzipMember(InputFile archive) {
    String name = archive.location().name();
    String lower = name.toLowerCase(Locale.ROOT);
    String inner =
        lower.endsWith(".gz") ? name.substring(0, name.length() - 3)
            : lower.endsWith(".gzip") ? name.substring(0, name.length() - 5)
            : name + ".out";
    // gzip stores the size modulo 2^32 of the last member only: not a size to trust
    return new ArchiveMember(inner, -1, archive.status().modified());
  }

  private static boolean wrapsTar(InputFile archive) throws IOException {
    try (InputStream in = unwrapped(archive)) {
      byte[] header = in.readNBytes(512);
      return TarArchiveInputStream.matches(header, header.length);
    }
  }

  /** The archive's bytes, gunzipped when they are gzip. */
  private static InputStream unwrapped(InputFile archive) throws IOException {
    InputStream in = new BufferedInputStream(archive.newStream(), 64 * 1024);
    in.mark(4);
    byte[] magic = in.readNBytes(2);
    in.reset();
    if (GzipCompressorInputStream.matches(magic, magic.length)) {
      return GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
    }
    return in;
  }

  // ---- members

  private static InputStream openMember(InputFile archive, Format format, String path)
      throws IOException {
    if (format == Format.ZIP) {
      ZipFile zip = openZip(archive);
      ZipArchiveEntry entry = zip.getEntry(path);
      if (entry == null) {
        zip.close();
        throw new IOException("no member " + path + " in " + archive.location());
      }
      return new FilterInputStream(zip.getInputStream(entry)) {
        @Override
        public void close() throws IOException {
          try {
            super.close();
          } finally {
            zip.close();
          }
        }
      };
    }
    if (format == Format.GZIP && !wrapsTar(archive)) {
      return unwrapped(archive);
    }
    TarArchiveInputStream tar = new TarArchiveInputStream(unwrapped(archive));
    try {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        if (entry.isFile() && path.equals(safePath(entry.getName()))) {
          return tar; // reads the current entry's data, then reports its end
        }
      }
    } catch (IOException | RuntimeException e) {
      tar.close();
      throw e;
    }
    tar.close();
    throw new IOException("no member " + path + " in " + archive.location());
  }

  /** The member's safe path, or null (logged) when it is a directory, metadata or unsafe. */
  private static String listable(InputFile archive, String rawName, boolean directory) {
    if (directory || rawName.endsWith("/")) {
      return null;
    }
    String path = safePath(rawName);
    if (path == null) {
      LOG.warn("{}: skipping member '{}', whose path leaves the archive", archive.location(), rawName);
      return null;
    }
    if (path.startsWith("__MACOSX/") || path.contains("/__MACOSX/")) {
      return null;
    }
    return path;
  }

  /**
   * The name with '/' separators and without a leading "./", or null when it is absolute or has a
   * ".." segment: extracting it would write outside the target folder.
   */
  static String safePath(String rawName) {
    String name = rawName.replace('\\', '/');
    while (name.startsWith("./")) {
      name = name.substring(2);
    }
    if (name.isEmpty() || name.startsWith("/") || DRIVE.matcher(name).matches()) {
      return null;
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        return null;
      }
    }
    return name;
  }
}
