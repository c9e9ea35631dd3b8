package dev.quarry.slice.gzip;

import static dev.quarry.slice.gzip.GzipTestData.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.BitSet;
import org.junit.jupiter.api.Test;

class GzipIndexerTest {

  /** Bit offsets seen in checkpoints across this class's tests. */
  private static final BitSet BIT_OFFSETS = new BitSet();

  /**
   * Indexes {@code gz}: the sink must see exactly {@code data}; every checkpoint must read exactly
   * the suffix of {@code data} from its offset; the index must survive writeTo/readFrom.
   */
  static GzipIndex check(byte[] data, byte[] gz, long span) throws IOException {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    GzipIndex index = GzipIndexer.index(new ByteArrayInputStream(gz), span, seen::write, "test.gz");
    assertThat(seen.size()).isEqualTo(data.length);
    assertThat(Arrays.equals(seen.toByteArray(), data)).as("sink bytes equal the data").isTrue();
    assertThat(index.uncompressedSize()).isEqualTo(data.length);
    assertThat(index.compressedSize()).isEqualTo(gz.length);
    assertThat(index.checkpoints()).isNotEmpty();
    assertThat(index.checkpoints().get(0).uncompressedOffset()).isZero();
    Bytes object = new Bytes(gz);
    for (GzipCheckpoint cp : index.checkpoints()) {
      BIT_OFFSETS.set(cp.bitOffset());
      byte[] suffix;
      try (InputStream in = GzipCheckpointStream.open(object, cp)) {
        suffix = in.readAllBytes();
      }
      int from = (int) cp.uncompressedOffset();
      assertThat(suffix.length).as("suffix length from %s", cp).isEqualTo(data.length - from);
      assertThat(Arrays.equals(suffix, 0, suffix.length, data, from, data.length))
          .as("suffix from %s", cp).isTrue();
    }
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    index.writeTo(written);
    GzipIndex back = GzipIndex.readFrom(new ByteArrayInputStream(written.toByteArray()));
    assertThat(back).isEqualTo(index);
    return index;
  }

  @Test
  void fastqWithJdkGzip() throws IOException {
    byte[] data = fastq(1, 20_000);
    GzipIndex index = check(data, jdkGzip(data), 64 * 1024);
    assertThat(index.checkpoints().size()).isGreaterThan(10);
  }

  @Test
  void randomWithJdkGzip() throws IOException {
    byte[] data = random(2, 1 << 20);
    check(data, jdkGzip(data), 100_000);
  }
}
