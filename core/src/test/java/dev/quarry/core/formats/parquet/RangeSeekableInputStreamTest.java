package dev.quarry.core.formats.parquet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.EOFException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RangeSeekableInputStreamTest {

  @TempDir Path dir;

  @Test
  void seeksAndReadsMatchTheFileBytesUsingOneRangePerSeek() throws Exception {
    byte[] content = new byte[300_000];
    new Random(7).nextBytes(content);
    Path path = Files.write(dir.resolve("blob.bin"), content);
    CountingInputFile file = new CountingInputFile(path);

    try (RangeSeekableInputStream in = new RangeSeekableInputStream(file, file.length())) {
      in.seek(250_000);
      byte[] big = new byte[40_000];
      in.readFully(big);
      assertThat(big).isEqualTo(Arrays.copyOfRange(content, 250_000, 290_000));
      assertThat(in.getPos()).isEqualTo(290_000);

      in.seek(10);
      assertThat(in.read()).isEqualTo(content[10] & 0xff);
      ByteBuffer direct = ByteBuffer.allocateDirect(100_000);
      in.readFully(direct);
      direct.flip();
      byte[] fromDirect = new byte[100_000];
      direct.get(fromDirect);
      assertThat(fromDirect).isEqualTo(Arrays.copyOfRange(content, 11, 100_011));

      in.seek(content.length - 4);
      assertThatThrownBy(() -> in.readFully(new byte[8])).isInstanceOf(EOFException.class);
      assertThat(in.bytesRead()).isEqualTo(40_000 + 1 + 100_000);
    }
    assertThat(file.wholeStreams()).isZero();
    // first seek: a 64 KiB range (covers the 40 000 bytes); then one small read and the buffer
    assertThat(file.ranges())
        .extracting(CountingInputFile.Range::offset)
        .startsWith(250_000L, 10L);
    assertThat(file.bytesRequested()).isLessThan(content.length);
  }
}
