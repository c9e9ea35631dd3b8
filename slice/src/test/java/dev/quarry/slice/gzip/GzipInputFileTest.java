package dev.quarry.slice.gzip;

import static dev.quarry.slice.gzip.GzipTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indexing and reading from checkpoints through core's storage (a local file; the slice tests use S3Proxy). */
class GzipInputFileTest {

  private static final byte[] A = fastq(31, 8_000);
  private static final byte[] B = text(32, 1 << 20);

  private static byte[] object() throws IOException {
    return concat(jdkGzip(A), member(B, 9, "b.txt", null, "second", true));
  }

  private static void checkEveryCheckpoint(InputFile file) throws IOException {
    byte[] data = concat(A, B);
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    GzipIndex index = GzipIndexer.index(file, 100_000, seen::write);
    assertThat(seen.toByteArray()).isEqualTo(data);
    assertThat(index.compressedSize()).isEqualTo(file.length());
    assertThat(index.members()).isEqualTo(2);
    assertThat(index.checkpoints().size()).isGreaterThan(5);
    for (GzipCheckpoint cp : index.checkpoints()) {
      try (InputStream in = GzipCheckpointStream.open(file, cp)) {
        byte[] suffix = in.readAllBytes();
        assertThat(Arrays.equals(suffix, 0, suffix.length, data, (int) cp.uncompressedOffset(),
            data.length)).as("suffix from %s", cp).isTrue();
      }
    }
  }

  @Test
  void localFile(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("reads.fastq.gz");
    Files.write(path, object());
    try (FileIO io = FileIO.unrestricted()) {
      checkEveryCheckpoint(io.newInputFile(Location.ofLocal(path)));
    }
  }

  @Test
  void truncatedFileNamesTheObjectAndOffset(@TempDir Path dir) throws IOException {
    Path path = dir.resolve("cut.fastq.gz");
    Files.write(path, Arrays.copyOf(object(), 5000));
    try (FileIO io = FileIO.unrestricted()) {
      InputFile file = io.newInputFile(Location.ofLocal(path));
      assertThatThrownBy(() -> GzipIndexer.index(file, 100_000, null))
          .isInstanceOf(GzipFormatException.class)
          .hasMessageContaining("cut.fastq.gz")
          .hasMessageContaining("truncated")
          .hasMessageContaining("offset 5000");
    }
  }
}
