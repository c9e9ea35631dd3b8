package dev.quarry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalBackendTest {

  @TempDir Path dir;

  private final FileIO io = FileIO.unrestricted();

  @AfterEach
  void close() throws IOException {
    io.close();
  }

  private static String text(InputStream in) throws IOException {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private Location write(String relative, String content) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
    return Location.ofLocal(p);
  }

  @Test
  void statAndReadAFile() throws IOException {
    Location loc = write("a.txt", "hello world");
    InputFile file = io.newInputFile(loc);
    assertThat(file.length()).isEqualTo(11);
    assertThat(file.status().modified()).isEqualTo(Files.getLastModifiedTime(loc.toPath()).toInstant());
    assertThat(file.status().version()).startsWith("11@");
    assertThat(text(file.newStream())).isEqualTo("hello world");
    assertThat(io.exists(loc)).isTrue();
    assertThat(io.isDirectory(loc)).isFalse();
    assertThat(io.isDirectory(Location.ofLocal(dir))).isTrue();
  }

  @Test
  void rangeReadsAtStartMiddleEndAndPastTheEnd() throws IOException {
    InputFile file = io.newInputFile(write("r.txt", "0123456789"));
    assertThat(text(file.openRange(0, 3))).isEqualTo("012");
    assertThat(text(file.openRange(4, 2))).isEqualTo("45");
    assertThat(text(file.openRange(7, -1))).isEqualTo("789");
    assertThat(text(file.openRange(8, 50))).isEqualTo("89");
    assertThat(text(file.openRange(10, 5))).isEmpty();
    assertThat(text(file.openRange(99, 5))).isEmpty();
    assertThat(text(file.openRange(2, 0))).isEmpty();

    byte[] buffer = new byte[4];
    file.readFully(3, buffer, 0, 4);
    assertThat(new String(buffer, StandardCharsets.US_ASCII)).isEqualTo("3456");
    assertThatThrownBy(() -> file.readFully(8, buffer, 0, 4)).isInstanceOf(EOFException.class);
    assertThatThrownBy(() -> file.openRange(-1, 2)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void listsRecursivelyOneLevelAndByGlob() throws IOException {
    write("t/a.csv", "a");
    write("t/b.json", "bb");
    write("t/sub/c.csv", "ccc");
    write("t/sub/deeper/d.csv", "dddd");
    Location folder = Location.ofLocal(dir.resolve("t"));

    assertThat(names(io.list(folder, ListOptions.RECURSIVE)))
        .containsExactly("a.csv", "b.json", "sub/c.csv", "sub/deeper/d.csv");
    assertThat(names(io.list(folder, ListOptions.ONE_LEVEL))).containsExactly("a.csv", "b.json");
    assertThat(names(io.list(folder, ListOptions.glob("**/*.csv")))).containsExactly("sub/c.csv", "sub/deeper/d.csv");
    assertThat(names(io.list(folder, ListOptions.glob("*.csv")))).containsExactly("a.csv");
    assertThat(io.list(folder, ListOptions.glob("sub/c.csv")).get(0).size()).isEqualTo(3);

    assertThatThrownBy(() -> io.list(Location.ofLocal(dir.resolve("nope")), ListOptions.RECURSIVE))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.userError()).isTrue())
        .hasMessageContaining("no such folder");
  }

  @Test
  void writeIsAtomicAndLeavesNoTemporaryFiles() throws IOException {
    Location loc = Location.ofLocal(dir.resolve("out/result.csv"));
    try (OutputFile.AtomicOutputStream out = io.newOutputFile(loc).create()) {
      out.write("new content".getBytes(StandardCharsets.UTF_8));
      assertThat(io.exists(loc)).isFalse(); // nothing visible before close
    }
    assertThat(Files.readString(loc.toPath())).isEqualTo("new content");
    assertThat(filesIn(dir.resolve("out"))).containsExactly("result.csv");
    // Published with the same permissions as a file written directly, not a temp file's 0600.
    Path direct = Files.writeString(dir.resolve("out/direct.csv"), "x");
    assertThat(Files.getPosixFilePermissions(loc.toPath())).isEqualTo(Files.getPosixFilePermissions(direct));
  }

  @Test
  void abortedWriteLeavesNothing() throws IOException {
    Location loc = Location.ofLocal(dir.resolve("aborted.csv"));
    try (OutputFile.AtomicOutputStream out = io.newOutputFile(loc).create()) {
      out.write("partial".getBytes(StandardCharsets.UTF_8));
      out.abort();
    }
    assertThat(io.exists(loc)).isFalse();
    assertThat(filesIn(dir)).isEmpty();
  }

  @Test
  void failingWriteKeepsTheOldContent() throws IOException {
    Location loc = write("keep.csv", "old content");
    OutputFile target = io.newOutputFile(loc);
    assertThatThrownBy(
            () ->
                target.write(
                    out -> {
                      out.write("half of the new".getBytes(StandardCharsets.UTF_8));
                      throw new IOException("producer failed");
                    }))
        .hasMessage("producer failed");
    assertThat(Files.readString(loc.toPath())).isEqualTo("old content");
    assertThat(filesIn(dir)).containsExactly("keep.csv");

    target.write(out -> out.write("new content".getBytes(StandardCharsets.UTF_8)));
    assertThat(Files.readString(loc.toPath())).isEqualTo("new content");
    assertThat(filesIn(dir)).containsExactly("keep.csv");
  }

  @Test
  void explicitAbortAfterAFailureKeepsTheOldContent() throws IOException {
    Location loc = write("keep.csv", "old content");
    OutputFile.AtomicOutputStream out = io.newOutputFile(loc).create();
    try {
      out.write("half of the new".getBytes(StandardCharsets.UTF_8));
      throw new IllegalStateException("producer failed");
    } catch (IllegalStateException expected) {
      out.abort();
    } finally {
      out.close(); // after abort: does nothing
    }
    assertThat(Files.readString(loc.toPath())).isEqualTo("old content");
    assertThat(filesIn(dir)).containsExactly("keep.csv");
    assertThatThrownBy(() -> out.write(1)).isInstanceOf(IOException.class);
  }

  @Test
  void deleteRemovesFilesButRefusesFolders() throws IOException {
    Location loc = write("gone.txt", "x");
    io.delete(loc);
    assertThat(io.exists(loc)).isFalse();
    io.delete(loc); // already gone: fine

    Files.createDirectories(dir.resolve("folder"));
    assertThatThrownBy(() -> io.delete(Location.ofLocal(dir.resolve("folder"))))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.userError()).isTrue())
        .hasMessageContaining("is a folder");
    assertThat(Files.isDirectory(dir.resolve("folder"))).isTrue();
  }

  @Test
  void missingFileIsAUserErrorNamingTheFile() {
    Location loc = Location.ofLocal(dir.resolve("missing.csv"));
    assertThatThrownBy(() -> io.newInputFile(loc))
        .isInstanceOfSatisfying(StorageException.class, e -> {
          assertThat(e.userError()).isTrue();
          assertThat(e.location()).isEqualTo(loc);
        })
        .hasMessageContaining(loc.path())
        .hasMessageContaining("no such file");
    assertThatThrownBy(() -> io.newInputFile(Location.ofLocal(dir)))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.userError()).isTrue())
        .hasMessageContaining("is a folder");
  }

  @Test
  void listingInsideAnAllowedRootSkipsSymlinksThatLeaveIt() throws IOException {
    Path root = Files.createDirectories(dir.resolve("root"));
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret");
    Files.writeString(root.resolve("own.txt"), "own");
    Files.createSymbolicLink(root.resolve("inner-link.txt"), root.resolve("own.txt"));
    Files.createSymbolicLink(root.resolve("escape.txt"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(root.resolve("escape-dir"), outside);

    try (FileIO confined = FileIO.create(StorageConfig.unrestricted().withAllowedRoots(List.of(root.toString())))) {
      assertThat(names(confined.list(Location.ofLocal(root), ListOptions.RECURSIVE)))
          .containsExactly("inner-link.txt", "own.txt");
    }
    // Without confinement a symlinked file is an ordinary member of the folder.
    assertThat(names(io.list(Location.ofLocal(root), ListOptions.ONE_LEVEL)))
        .containsExactly("escape.txt", "inner-link.txt", "own.txt");
  }

  /** Paths relative to the listed folder (the first level under the temp dir), '/'-separated. */
  private List<String> names(List<FileStatus> statuses) {
    return statuses.stream()
        .map(s -> dir.relativize(s.location().toPath()))
        .map(p -> p.subpath(1, p.getNameCount()).toString())
        .toList();
  }

  private static List<String> filesIn(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }
}
