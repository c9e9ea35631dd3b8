package dev.quarry.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class S3BackendTest {

  private static S3ProxyServer server;
  private static FileIO io;

  @BeforeAll
  static void startServer() throws Exception {
    server = S3ProxyServer.start();
    server.createBucket("data");
    server.createBucket("other");
    io = server.newFileIO();
  }

  @AfterAll
  static void stopServer() throws Exception {
    io.close();
    server.close();
  }

  private static Location s3(String text) {
    return Location.parse(text);
  }

  private static void put(String location, byte[] bytes) throws IOException {
    try (OutputFile.AtomicOutputStream out = io.newOutputFile(s3(location)).create()) {
      out.write(bytes);
    }
  }

  private static byte[] read(InputStream in) throws IOException {
    try (in) {
      return in.readAllBytes();
    }
  }

  @Test
  void smallWriteIsVisibleOnlyAfterCloseAndStatHasTheMd5Etag() throws Exception {
    byte[] bytes = "id,name\n1,ada\n2,grace\n".getBytes(StandardCharsets.UTF_8);
    Location loc = s3("s3://data/small/people.csv");
    try (OutputFile.AtomicOutputStream out = io.newOutputFile(loc).create()) {
      out.write(bytes);
      assertThat(io.exists(loc)).isFalse();
    }
    assertThat(io.exists(loc)).isTrue();

    FileStatus status = io.stat(loc);
    assertThat(status.size()).isEqualTo(bytes.length);
    assertThat(status.modified()).isNotNull();
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    assertThat(status.etag()).isEqualTo(md5);
    assertThat(status.version()).isEqualTo(md5);
    assertThat(read(io.newInputFile(loc).newStream())).isEqualTo(bytes);
  }

  @Test
  void abortedWriteLeavesNothing() throws Exception {
    Location loc = s3("s3://data/aborted.bin");
    try (OutputFile.AtomicOutputStream out = io.newOutputFile(loc).create()) {
      out.write(new byte[1000]);
      out.abort();
    }
    assertThat(io.exists(loc)).isFalse();
  }

  @Test
  void failingWriteKeepsThePreviousObject() throws Exception {
    Location loc = s3("s3://data/kept.txt");
    put(loc.uri(), "old".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                io.newOutputFile(loc)
                    .write(
                        out -> {
                          out.write("partial new".getBytes(StandardCharsets.UTF_8));
                          throw new IOException("producer failed");
                        }))
        .hasMessage("producer failed");
    assertThat(read(io.newInputFile(loc).newStream())).asString(StandardCharsets.UTF_8).isEqualTo("old");
  }

  @Test
  void writingToAMissingBucketIsAUserError() {
    for (int size : new int[] {10, (int) S3AtomicUpload.MULTIPART_THRESHOLD}) {
      assertThatThrownBy(() -> io.newOutputFile(s3("s3://no-such-bucket/x.bin")).write(out -> out.write(new byte[size])))
          .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.userError()).isTrue())
          .hasMessageContaining("no such bucket");
    }
  }

  @Test
  void aDeserialisedFileIoRebuildsItsClientAndReads() throws Exception {
    put("s3://data/shipped.txt", "travels".getBytes(StandardCharsets.UTF_8));
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (FileIO original = server.newFileIO(); java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      original.exists(s3("s3://data/shipped.txt")); // builds the client, which must not be serialised
      out.writeObject(original);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()));
        FileIO copy = (FileIO) in.readObject()) {
      assertThat(read(copy.newInputFile("s3://data/shipped.txt").newStream()))
          .asString(StandardCharsets.UTF_8)
          .isEqualTo("travels");
    }
  }

  @Test
  void largeWriteGoesMultipartAndReadsBackExactly() throws Exception {
    int size = (int) S3AtomicUpload.MULTIPART_THRESHOLD * 2 + 12_345; // three parts, last one short
    byte[] bytes = new byte[size];
    new Random(42).nextBytes(bytes);
    Location loc = s3("s3://data/big/blob.bin");
    put(loc.uri(), bytes);

    FileStatus status = io.stat(loc);
    assertThat(status.size()).isEqualTo(size);
    // A completed multipart upload has an ETag of the form md5-of-part-md5s "-" part count.
    assertThat(status.etag()).endsWith("-3");
    InputFile file = io.newInputFile(loc);
    assertThat(MessageDigest.getInstance("SHA-256").digest(read(file.newStream())))
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(bytes));
    // A range that crosses the first part boundary.
    long offset = S3AtomicUpload.MULTIPART_THRESHOLD - 10;
    byte[] range = read(file.openRange(offset, 20));
    assertThat(range).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(range[i]).isEqualTo(bytes[(int) offset + i]);
    }
  }

  @Test
  void rangeReadsAtStartMiddleEndAndPastTheEnd() throws Exception {
    byte[] bytes = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
    Location loc = s3("s3://data/ranges.txt");
    put(loc.uri(), bytes);
    InputFile file = io.newInputFile(loc);

    assertThat(new String(read(file.openRange(0, 4)), StandardCharsets.US_ASCII)).isEqualTo("0123");
    assertThat(new String(read(file.openRange(8, 5)), StandardCharsets.US_ASCII)).isEqualTo("89abc");
    assertThat(new String(read(file.openRange(15, -1)), StandardCharsets.US_ASCII)).isEqualTo("fghij");
    assertThat(new String(read(file.openRange(17, 100)), StandardCharsets.US_ASCII)).isEqualTo("hij");
    assertThat(read(file.openRange(20, 5))).isEmpty();
    assertThat(read(file.openRange(3, 0))).isEmpty();

    byte[] buffer = new byte[3];
    file.readFully(10, buffer, 0, 3);
    assertThat(new String(buffer, StandardCharsets.US_ASCII)).isEqualTo("abc");
    assertThatThrownBy(() -> file.readFully(18, buffer, 0, 3)).isInstanceOf(java.io.EOFException.class);
  }

  @Test
  void readsArePinnedToTheVersionThatWasOpened() throws Exception {
    Location loc = s3("s3://data/pinned.txt");
    put(loc.uri(), "first".getBytes(StandardCharsets.UTF_8));
    InputFile opened = io.newInputFile(loc);
    put(loc.uri(), "second".getBytes(StandardCharsets.UTF_8));

    assertThatThrownBy(() -> read(opened.openRange(0, 3)))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("changed since it was opened");
    assertThat(read(io.newInputFile(loc).newStream())).asString(StandardCharsets.UTF_8).isEqualTo("second");
  }

  @Test
  void listsRecursivelyOneLevelAndByGlob() throws Exception {
    for (String key : List.of("t/a.csv", "t/b.json", "t/sub/c.csv", "t/sub/deeper/d.csv", "tother/x.csv")) {
      put("s3://data/" + key, key.getBytes(StandardCharsets.UTF_8));
    }
    Location folder = s3("s3://data/t");

    assertThat(keys(io.list(folder, ListOptions.RECURSIVE)))
        .containsExactly("t/a.csv", "t/b.json", "t/sub/c.csv", "t/sub/deeper/d.csv");
    assertThat(keys(io.list(s3("s3://data/t/"), ListOptions.ONE_LEVEL))).containsExactly("t/a.csv", "t/b.json");
    assertThat(keys(io.list(folder, ListOptions.glob("**/*.csv"))))
        .containsExactly("t/sub/c.csv", "t/sub/deeper/d.csv");
    assertThat(keys(io.list(folder, ListOptions.glob("*.csv")))).containsExactly("t/a.csv");
    assertThat(keys(io.list(folder, new ListOptions(false, "*.json")))).containsExactly("t/b.json");

    FileStatus a = io.list(folder, ListOptions.glob("a.csv")).get(0);
    assertThat(a.size()).isEqualTo("t/a.csv".length());
    assertThat(a.etag()).isNotBlank();

    assertThat(io.isDirectory(folder)).isTrue();
    assertThat(io.isDirectory(s3("s3://data/t/sub"))).isTrue();
    assertThat(io.isDirectory(s3("s3://data/t/a.csv"))).isFalse();
    assertThat(io.isDirectory(s3("s3://data/nothing-here"))).isFalse();
    assertThat(io.list(s3("s3://data/nothing-here"), ListOptions.RECURSIVE)).isEmpty();
  }

  @Test
  void deleteRemovesTheObject() throws Exception {
    Location loc = s3("s3://data/doomed.txt");
    put(loc.uri(), new byte[] {1, 2, 3});
    assertThat(io.exists(loc)).isTrue();
    io.delete(loc);
    assertThat(io.exists(loc)).isFalse();
    io.delete(loc); // deleting what is gone is not an error, as in S3
    assertThatThrownBy(() -> io.delete(s3("s3://data/some/prefix/")))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("not an object");
  }

  @Test
  void missingObjectAndBucketAreUserErrorsThatNameTheLocation() {
    assertThatThrownBy(() -> io.newInputFile("s3://data/no/such.csv"))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.userError()).isTrue())
        .hasMessageContaining("s3://data/no/such.csv")
        .hasMessageContaining("no such object");
    assertThatThrownBy(() -> io.list(s3("s3://no-such-bucket/x"), ListOptions.RECURSIVE))
        .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.userError()).isTrue())
        .hasMessageContaining("no such bucket 'no-such-bucket'");
  }

  @Test
  void bucketsOutsideTheAllowListAreDeniedBeforeAnyRequest() throws Exception {
    put("s3://other/secret.txt", new byte[] {42});
    put("s3://data/shared/ok.txt", new byte[] {7});
    try (FileIO restricted = FileIO.create(server.config().withAllowedBuckets(List.of("data/shared")))) {
      assertThat(read(restricted.newInputFile("s3://data/shared/ok.txt").newStream())).containsExactly(7);
      assertThatThrownBy(() -> restricted.newInputFile("s3://other/secret.txt"))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("s3://other/secret.txt")
          .hasMessageContaining("not in the allowed buckets");
      assertThatThrownBy(() -> restricted.list(s3("s3://data/small"), ListOptions.RECURSIVE))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("outside the allowed prefixes");
      assertThatThrownBy(() -> restricted.newOutputFile(s3("s3://data/shared/../escape.txt")))
          .isInstanceOf(AccessDeniedException.class);
    }
  }

  private static List<String> keys(List<FileStatus> statuses) {
    return statuses.stream().map(s -> s.location().path()).toList();
  }
}
