package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CompressionTest {

  @ParameterizedTest
  @EnumSource(Compression.class)
  void roundTripsAndShardsDecompressToTheSameBytes(Compression compression) throws Exception {
    List<Object[]> rows = SampleTable.rows(3000);
    byte[] plain = SampleTable.write(OutputFormats.CSV, SampleTable.SCHEMA, rows);

    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    try (OutputStream out = compression.wrap(whole)) {
      SampleTable.write(OutputFormats.CSV, SampleTable.SCHEMA, rows, out, Fragment.WHOLE);
    }
    assertThat(decompress(compression, whole.toByteArray())).isEqualTo(plain);
    if (compression != Compression.NONE) {
      assertThat(whole.size()).isLessThan(plain.length / 2);
    }

    // three fragments compressed separately and concatenated: a multi-member gzip / multi-frame zstd
    ByteArrayOutputStream parts = new ByteArrayOutputStream();
    int[] bounds = {0, 1000, 2000, 3000};
    for (int i = 0; i < 3; i++) {
      ByteArrayOutputStream part = new ByteArrayOutputStream();
      try (OutputStream out = compression.wrap(part)) {
        SampleTable.write(OutputFormats.CSV, SampleTable.SCHEMA, rows.subList(bounds[i], bounds[i + 1]), out,
            new Fragment(i == 0, i == 2, bounds[i]));
      }
      part.writeTo(parts);
    }
    assertThat(decompress(compression, parts.toByteArray())).isEqualTo(plain);
  }

  @org.junit.jupiter.api.Test
  void byName() {
    assertThat(Compression.byName("GZIP")).isEqualTo(Compression.GZIP);
    assertThat(Compression.byName("zst")).isEqualTo(Compression.ZSTD);
    assertThat(Compression.byName("none")).isEqualTo(Compression.NONE);
    assertThat(Compression.ZSTD.fileName("part-0.csv")).isEqualTo("part-0.csv.zst");
    assertThatThrownBy(() -> Compression.byName("brotli")).hasMessageContaining("none, gzip, zstd");
  }

  private static byte[] decompress(Compression compression, byte[] bytes) throws IOException {
    InputStream in = new ByteArrayInputStream(bytes);
    try (InputStream decompressed = switch (compression) {
      case NONE -> in;
      case GZIP -> new GZIPInputStream(in); // reads every member
      case ZSTD -> new ZstdInputStream(in); // reads every frame
    }) {
      return decompressed.readAllBytes();
    }
  }
}
