package dev.quarry.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Local files. Writes go to a hidden temporary file in the target folder, then an atomic rename. */
final class LocalBackend implements StorageBackend {

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
    List<FileStatus> out = new ArrayList<>();
    try (Stream<Path> paths = options.recursive() ? Files.walk(root) : Files.list(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.comparing(Path::toString))::iterator) {
        if (!Files.isRegularFile(p)) {
          continue;
        }
        if (matcher != null && !matcher.matches(root.relativize(p))) {
          continue;
        }
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
        out.add(new FileStatus(Location.ofLocal(p), a.size(), a.lastModifiedTime().toInstant(), null));
      }
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
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE);
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

  @Override
  public void delete(Location location) throws IOException {
    Files.deleteIfExists(location.toPath());
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
      FileChannel ch = FileChannel.open(location().toPath(), StandardOpenOption.READ);
      ch.position(offset);
      InputStream in = Channels.newInputStream(ch);
      long remaining = length < 0 ? Long.MAX_VALUE : length;
      return new java.io.FilterInputStream(in) {
        long left = remaining;

        @Override
        public int read() throws IOException {
          if (left <= 0) {
            return -1;
          }
          int b = super.read();
          if (b >= 0) {
            left--;
          }
          return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
          if (left <= 0) {
            return -1;
          }
          int n = super.read(b, off, (int) Math.min(len, left));
          if (n > 0) {
            left -= n;
          }
          return n;
        }
      };
    }
  }
}
