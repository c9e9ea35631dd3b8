package dev.quarry.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/** Local files. Writes go to a hidden temporary file in the target folder, then an atomic rename. */
final class LocalBackend implements StorageBackend {

  private final boolean confineToRoots;

  /**
   * @param confineToRoots true when an allow-list confines local access, so listings must not
   *     report files that symbolic links place outside the listed folder
   */
  LocalBackend(boolean confineToRoots) {
    this.confineToRoots = confineToRoots;
  }

  @Override
  public InputFile newInputFile(Location location) throws IOException {
    Path path = location.toPath();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new StorageException(location, "no such file", true, e);
    }
    if (attrs.isDirectory()) {
      throw new StorageException(location, "is a folder, not a file", true);
    }
    if (!Files.isReadable(path)) {
      throw new StorageException(location, "not readable", true);
    }
    FileStatus status =
        new FileStatus(location, attrs.size(), attrs.lastModifiedTime().toInstant(), null);
    return new LocalInputFile(status);
  }

  @Override
  public boolean exists(Location location) {
    return Files.isRegularFile(location.toPath());
  }

  @Override
  public boolean isDirectory(Location location) {
    return Files.isDirectory(location.toPath());
  }

  @Override
  public List<FileStatus> list(Location location, ListOptions options) throws IOException {
    Path root = location.toPath();
    if (!Files.isDirectory(root)) {
      throw new StorageException(location, "no such folder", true);
    }
    PathMatcher matcher =
        options.glob() == null ? null : root.getFileSystem().getPathMatcher("glob:" + options.glob());
    // Files.walk does not descend into symlinked folders; a symlinked *file* is still followed, so
    // when access is confined, a link pointing out of the listed folder is left out of the listing.
    Path realRoot = confineToRoots ? root.toRealPath() : null;
    List<FileStatus> out = new ArrayList<>();
    try (Stream<Path> paths = options.recursive() ? Files.walk(root) : Files.list(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.comparing(Path::toString))::iterator) {
        if (!Files.isRegularFile(p)) {
          continue;
        }
        if (matcher != null && !matcher.matches(root.relativize(p))) {
          continue;
        }
        if (realRoot != null && Files.isSymbolicLink(p) && !p.toRealPath().startsWith(realRoot)) {
          continue;
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.add(new FileStatus(Location.ofLocal(p), a.size(), a.lastModifiedTime().toInstant(), null));
      }
    } catch (UncheckedIOException e) { // Files.walk reports an unreadable sub-folder this way
      throw new StorageException(location, "cannot list: " + e.getCause().getMessage(), false, e.getCause());
    }
    return out;
  }

  @Override
  public OutputFile newOutputFile(Location location) {
    return new OutputFile() {
      @Override
      public Location location() {
        return location;
      }

      @Override
      public AtomicOutputStream create() throws IOException {
        Path target = location.toPath();
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: its owner-only permissions would survive the rename, and the
        // published file would differ from one written directly (which gets the umask's).
        Path tmp = dir.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new AtomicOutputStream() {
          private boolean done;

          @Override
          public void write(int b) throws IOException {
            out.write(b);
          }

          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void flush() throws IOException {
            out.flush();
          }

          @Override
          public void abort() throws IOException {
            if (!done) {
              done = true;
              out.close();
              Files.deleteIfExists(tmp);
            }
          }

          @Override
          public void close() throws IOException {
            if (done) {
              return;
            }
            done = true;
            try {
              out.close();
              Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
              Files.deleteIfExists(tmp);
            }
          }
        };
      }
    };
  }

  /** Deletes a file; a missing file is not an error (as with S3), a folder is. */
  @Override
  public void delete(Location location) throws IOException {
    Path path = location.toPath();
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      throw new StorageException(location, "is a folder; only files can be deleted", true);
    }
    Files.deleteIfExists(path);
  }

  private record LocalInputFile(FileStatus status) implements InputFile {
    @Override
    public Location location() {
      return status.location();
    }

    @Override
    public InputStream newStream() throws IOException {
      return Files.newInputStream(location().toPath());
    }

    @Override
    public InputStream openRange(long offset, long length) throws IOException {
      return FileSlices.open(location().toPath(), offset, length);
    }
  }
}
