package dev.quarry.slice.gzip;

import static dev.quarry.slice.gzip.GzipTestData.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class GzipIndexerTest {

  /**
   * Indexes {@code gz}: the sink must see exactly {@code data}; every checkpoint must read exactly
   * the suffix of {@code data} from its offset; the index must survive writeTo/readFrom and Java
   * serialization.
   */
  static GzipIndex check(byte[] data, byte[] gz, long span) throws IOException {
    GzipIndex index = null;
    for (boolean pipelined : new boolean[] {false, true}) {
      ByteArrayOutputStream seen = new ByteArrayOutputStream();
      GzipIndex built =
          GzipIndexer.index(new ByteArrayInputStream(gz), span, seen::write, "test.gz", pipelined);
      assertThat(seen.size()).isEqualTo(data.length);
      assertThat(Arrays.equals(seen.toByteArray(), data)).as("sink bytes equal the data").isTrue();
      if (index != null) {
        assertThat(built).isEqualTo(index);
      }
      index = built;
    }
    assertThat(index.uncompressedSize()).isEqualTo(data.length);
    assertThat(index.compressedSize()).isEqualTo(gz.length);
    assertThat(index.checkpoints()).isNotEmpty();
    assertThat(index.checkpoints().get(0).uncompressedOffset()).isZero();
    Bytes object = new Bytes(gz);
    for (GzipCheckpoint cp : index.checkpoints()) {
      byte[] suffix;
      try (InputStream in = GzipCheckpointStream.open(object, cp)) {
        suffix = in.readAllBytes();
      }
      int from = (int) cp.uncompressedOffset();
      assertThat(suffix.length).as("suffix length from %s", cp).isEqualTo(data.length - from);
      assertThat(Arrays.equals(suffix, 0, suffix.length, data, from, data.length))
          .as("suffix from %s", cp).isTrue();
      assertThat(GzipCheckpoint.fromCompactString(cp.toCompactString())).isEqualTo(cp);
    }
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    index.writeTo(written);
    assertThat(GzipIndex.readFrom(new ByteArrayInputStream(written.toByteArray()))).isEqualTo(index);
    assertThat(javaRoundTrip(index)).isEqualTo(index);
    return index;
  }

  static Object javaRoundTrip(Object o) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(o);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return in.readObject();
    } catch (ClassNotFoundException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void fastqWithJdkGzip() throws IOException {
    byte[] data = fastq(1, 20_000);
    GzipIndex index = check(data, jdkGzip(data), 64 * 1024);
    assertThat(index.checkpoints().size()).isGreaterThan(10);
    assertThat(index.members()).isEqualTo(1);
  }

  @Test
  void randomAndTextWithJdkGzip() throws IOException {
    check(random(2, 1 << 20), jdkGzip(random(2, 1 << 20)), 100_000);
    byte[] text = text(3, 3 << 20);
    check(text, jdkGzip(text), 200_000);
  }

  @Test
  void systemGzipLevels1And9() throws Exception {
    byte[] fastq = fastq(4, 10_000);
    byte[] random = random(5, 300_000);
    byte[] text = text(6, 1 << 20);
    byte[] probe = systemGzip(new byte[1], 1);
    assumeTrue(probe != null, "no /usr/bin/gzip");
    for (int level : new int[] {1, 9}) {
      check(fastq, systemGzip(fastq, level), 32 * 1024);
      check(random, systemGzip(random, level), 32 * 1024);
      check(text, systemGzip(text, level), 32 * 1024);
    }
  }

  @Test
  void everyDeflaterLevelIncludingStoredBlocks() throws IOException {
    byte[] data = concat(fastq(7, 2_000), random(8, 200_000), text(9, 300_000));
    for (int level = 0; level <= 9; level++) {
      check(data, member(data, level), 50_000);
    }
  }

  @Test
  void deflaterStrategiesAndFlushes() throws IOException {
    byte[] data = concat(fastq(33, 1_500), random(34, 50_000), text(35, 200_000));
    check(data, member(data, 6, Deflater.HUFFMAN_ONLY, Deflater.NO_FLUSH, data.length), 20_000);
    check(data, member(data, 6, Deflater.FILTERED, Deflater.NO_FLUSH, data.length), 20_000);
    // sync and full flushes end blocks with empty stored blocks, byte-aligned, all through the data
    check(data, member(data, 6, Deflater.DEFAULT_STRATEGY, Deflater.SYNC_FLUSH, 7_777), 10_000);
    check(data, member(data, 1, Deflater.DEFAULT_STRATEGY, Deflater.FULL_FLUSH, 30_001), 1);
  }

  @Test
  void checkpointsAtEveryBlockCoverAllBitOffsetsAndStoredBlocksMidByte() throws Exception {
    // alternate incompressible and compressible stretches so deflate mixes stored and Huffman blocks
    ByteArrayOutputStream mixed = new ByteArrayOutputStream();
    for (int i = 0; i < 40; i++) {
      mixed.writeBytes(i % 2 == 0 ? random(100 + i, 20_000 + 977 * i) : fastq(200 + i, 40 + i));
    }
    byte[] data = mixed.toByteArray();
    BitSet bitOffsets = new BitSet();
    boolean storedMidByte = false;
    byte[] reads = fastq(10, 8_000);
    List<byte[][]> cases = List.of(new byte[][] {data, member(data, 6)},
        new byte[][] {data, member(data, 1)}, new byte[][] {data, jdkGzip(data)},
        new byte[][] {reads, member(reads, 9)});
    for (byte[][] c : cases) {
      byte[] gz = c[1];
      GzipIndex index = check(c[0], gz, 1);
      for (GzipCheckpoint cp : index.checkpoints()) {
        bitOffsets.set(cp.bitOffset());
        storedMidByte |= cp.bitOffset() != 0 && blockType(gz, cp) == 0;
      }
    }
    assertThat(bitOffsets.cardinality()).as("bit offsets seen: %s", bitOffsets).isEqualTo(8);
    assertThat(storedMidByte).as("a stored block starting mid-byte was a checkpoint").isTrue();
  }

  /** BTYPE of the block a checkpoint points at. */
  private static int blockType(byte[] gz, GzipCheckpoint cp) {
    int off = (int) cp.compressedOffset();
    int bits = (gz[off] & 0xff) | (off + 1 < gz.length ? (gz[off + 1] & 0xff) << 8 : 0);
    return (bits >>> (cp.bitOffset() + 1)) & 3;
  }

  @Test
  void multiMemberWithEmptyMemberAndHeaderFields() throws IOException {
    byte[] a = fastq(11, 3_000);
    byte[] b = text(12, 400_000);
    byte[] c = random(13, 100_000);
    byte[] gz = concat(
        member(a, 6, "reads.fastq", null, null, false),
        member(new byte[0], 6),
        member(b, 9, null, new byte[] {'A', 'B', 2, 0, 7, 7}, "a comment", true),
        jdkGzip(new byte[0]),
        member(c, 0, "x", new byte[300], "c", true),
        member(a, 1));
    byte[] data = concat(a, b, c, a);
    GzipIndex index = check(data, gz, 100_000);
    assertThat(index.members()).isEqualTo(6);
    // a checkpoint in the first member reads on through all the others
    assertThat(index.checkpoints().get(0).uncompressedOffset()).isZero();
  }

  @Test
  void emptyMemberAlone() throws IOException {
    GzipIndex index = check(new byte[0], jdkGzip(new byte[0]), 1000);
    assertThat(index.checkpoints()).hasSize(1);
    assertThat(index.uncompressedSize()).isZero();
  }

  @Test
  void trailingZeroPaddingIsToleratedButGarbageIsNot() throws IOException {
    byte[] data = fastq(14, 500);
    byte[] gz = concat(jdkGzip(data), new byte[1000]);
    check(data, gz, 10_000);
    byte[] garbage = concat(jdkGzip(data), new byte[10], new byte[] {5});
    assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream(garbage), 10_000, null, "g.gz"))
        .isInstanceOf(GzipFormatException.class)
        .hasMessageContaining("g.gz")
        .hasMessageContaining("trailing garbage")
        .hasMessageContaining("offset " + (garbage.length - 1));
    byte[] notGzip = concat(jdkGzip(data), "hello".getBytes());
    assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream(notGzip), 10_000, null))
        .isInstanceOf(GzipFormatException.class)
        .hasMessageContaining("offset " + (notGzip.length - 5));
  }

  @Test
  void notGzipAndEmptyInputFail() {
    assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream(new byte[0]), 100, null, "e.gz"))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("e.gz").hasMessageContaining("empty");
    assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream("plain text".getBytes()), 100, null))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("not in gzip format")
        .hasMessageContaining("offset 0");
  }

  @Test
  void everyTruncationFailsWithItsOffset() throws IOException {
    byte[] gz = concat(member(text(15, 3000), 9, "name", new byte[] {1, 2, 3}, "comment", true),
        member(fastq(16, 10), 6));
    int firstMemberEnd = member(text(15, 3000), 9, "name", new byte[] {1, 2, 3}, "comment", true).length;
    for (int cut = 1; cut < gz.length; cut++) {
      if (cut == firstMemberEnd) {
        continue; // a whole first member is a valid gzip file
      }
      byte[] truncated = Arrays.copyOf(gz, cut);
      int at = cut;
      assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream(truncated), 100, null, "t.gz"))
          .as("cut at %d", at)
          .isInstanceOfSatisfying(GzipFormatException.class, e -> {
            assertThat(e.truncated()).isTrue();
            assertThat(e.compressedOffset()).isEqualTo(at);
            assertThat(e.getMessage()).contains("t.gz", "truncated", "offset " + at);
          });
    }
  }

  @Test
  void everyCorruptedByteFails() throws IOException {
    byte[] data = concat(text(17, 5000), fastq(18, 20));
    byte[] gz = member(data, 6);
    Random random = new Random(19);
    for (int pos = 10; pos < gz.length; pos++) { // skip the header's unchecked MTIME/XFL/OS bytes
      byte[] corrupt = gz.clone();
      corrupt[pos] ^= (byte) (1 + random.nextInt(255));
      int at = pos;
      assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream(corrupt), 100, null, "c.gz"))
          .as("corrupt byte %d", at)
          .isInstanceOfSatisfying(GzipFormatException.class, e -> {
            assertThat(e.compressedOffset()).isBetween(0L, (long) gz.length);
            assertThat(e.getMessage()).contains("c.gz", "offset " + e.compressedOffset());
          });
    }
  }

  @Test
  void pipelinedIndexingReportsCorruptionAndSinkFailures() throws IOException {
    byte[] data = fastq(26, 20_000);
    byte[] gz = jdkGzip(data);
    byte[] corrupt = gz.clone();
    corrupt[gz.length / 2] ^= 0x55;
    assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream(corrupt), 1 << 20,
        (b, off, len) -> {}, "p.gz", true))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("p.gz");
    long[] seen = new long[1];
    assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream(gz), 1 << 20,
        (b, off, len) -> {
          seen[0] += len;
          if (seen[0] > 1_000_000) {
            throw new IOException("sink gave up");
          }
        }, "p.gz", true))
        .isInstanceOf(IOException.class).hasMessage("sink gave up");
    assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("gzip-inflate"));
  }

  @Test
  void randomDamageOnlyEverGivesGzipFormatException() throws IOException {
    Random random = new Random(29);
    byte[] data = concat(text(30, 20_000), fastq(31, 50), random(32, 3_000));
    byte[][] sources = {member(data, 1), member(data, 6), member(data, 9), member(data, 0)};
    for (int round = 0; round < 400; round++) {
      byte[] gz = sources[round % sources.length].clone();
      if (round % 5 == 4) {
        // a valid header followed by noise: random block types, code lengths, distances
        byte[] noise = new byte[10 + random.nextInt(3000)];
        random.nextBytes(noise);
        System.arraycopy(gz, 0, noise, 0, 10);
        gz = noise;
      } else {
        for (int k = 1 + random.nextInt(20); k > 0; k--) {
          gz[10 + random.nextInt(gz.length - 10)] = (byte) random.nextInt(256);
        }
        if (random.nextBoolean()) {
          gz = Arrays.copyOf(gz, 10 + random.nextInt(gz.length - 10));
        }
      }
      byte[] input = gz;
      try {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        GzipIndexer.index(new ByteArrayInputStream(input), 4096, seen::write, "r.gz", round % 2 == 0);
        assertThat(seen.toByteArray()).as("round %d decoded without error", round).isEqualTo(data);
      } catch (GzipFormatException e) {
        assertThat(e.compressedOffset()).isBetween(0L, (long) input.length);
        assertThat(e.getMessage()).startsWith("r.gz: ");
      }
    }
  }

  @Test
  void corruptCrcAndLengthAndHeaderCrcAreReported() throws IOException {
    byte[] data = fastq(20, 100);
    byte[] gz = jdkGzip(data);
    byte[] badCrc = gz.clone();
    badCrc[gz.length - 8] ^= 1;
    assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream(badCrc), 100, null))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("CRC-32 mismatch")
        .hasMessageContaining("offset " + (gz.length - 8));
    byte[] badSize = gz.clone();
    badSize[gz.length - 4] ^= 1;
    assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream(badSize), 100, null))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("length mismatch");
    byte[] withHcrc = member(data, 6, "n", null, null, true);
    byte[] badHcrc = withHcrc.clone();
    badHcrc[12] ^= 1; // inside the CRC-16 after the 10-byte header and "n\0"
    assertThatThrownBy(() -> GzipIndexer.index(new ByteArrayInputStream(badHcrc), 100, null))
        .isInstanceOf(GzipFormatException.class).hasMessageContaining("header CRC");
  }

  @Test
  void checkpointStreamChecksTheMembersAfterItsOwn() throws IOException {
    byte[] a = fastq(21, 2000);
    byte[] b = fastq(22, 2000);
    byte[] gz = concat(jdkGzip(a), jdkGzip(b));
    GzipIndex index = GzipIndexer.index(new ByteArrayInputStream(gz), 50_000, null);
    byte[] corrupt = gz.clone();
    corrupt[gz.length - 8] ^= 1; // second member's CRC
    GzipCheckpoint cp = index.checkpoints().get(1);
    assertThat(cp.uncompressedOffset()).isPositive().isLessThan(a.length);
    assertThatThrownBy(() -> {
      try (InputStream in = GzipCheckpointStream.open(new Bytes(corrupt), cp, "two.gz")) {
        in.readAllBytes();
      }
    }).isInstanceOf(GzipFormatException.class).hasMessageContaining("two.gz").hasMessageContaining("CRC-32");
  }

  @Test
  void checkpointStreamReadsOnlyWhatItNeedsAndSkips() throws IOException {
    byte[] data = fastq(23, 30_000);
    byte[] gz = jdkGzip(data);
    GzipIndex index = GzipIndexer.index(new ByteArrayInputStream(gz), 1 << 19, null);
    GzipCheckpoint cp = index.checkpointAtOrBefore(data.length / 2);
    assertThat(cp.uncompressedOffset()).isGreaterThan(data.length / 4);
    Bytes object = new Bytes(gz);
    try (GzipCheckpointStream in = GzipCheckpointStream.open(object, cp)) {
      long skip = data.length / 2 - cp.uncompressedOffset();
      assertThat(in.skip(skip)).isEqualTo(skip);
      byte[] got = in.readNBytes(1000);
      assertThat(got).isEqualTo(Arrays.copyOfRange(data, data.length / 2, data.length / 2 + 1000));
    }
    assertThat(object.bytesServed.get()).as("compressed bytes fetched").isLessThan(gz.length / 2);
  }

  @Test
  void checkpointAtOrBeforePicksTheLastOneNotAfter() throws IOException {
    byte[] data = fastq(24, 20_000);
    GzipIndex index = GzipIndexer.index(new ByteArrayInputStream(jdkGzip(data)), 100_000, null);
    List<GzipCheckpoint> cps = index.checkpoints();
    assertThat(index.checkpointAtOrBefore(0)).isEqualTo(cps.get(0));
    for (int i = 1; i < cps.size(); i++) {
      long off = cps.get(i).uncompressedOffset();
      assertThat(off - cps.get(i - 1).uncompressedOffset()).isGreaterThanOrEqualTo(100_000);
      assertThat(index.checkpointAtOrBefore(off)).isEqualTo(cps.get(i));
      assertThat(index.checkpointAtOrBefore(off - 1)).isEqualTo(cps.get(i - 1));
    }
    assertThat(index.checkpointAtOrBefore(Long.MAX_VALUE)).isEqualTo(cps.get(cps.size() - 1));
  }

  @Test
  void checkpointsAndIndexRoundTripThroughJson() throws IOException {
    byte[] data = fastq(27, 5_000);
    GzipIndex index = GzipIndexer.index(new ByteArrayInputStream(jdkGzip(data)), 100_000, null);
    JsonMapper json = JsonMapper.builder().build();
    GzipCheckpoint cp = index.checkpoints().get(1);
    String text = json.writeValueAsString(cp);
    assertThat(text).contains("\"compressedOffset\"", "\"bitOffset\"", "\"uncompressedOffset\"",
        "\"windowLength\"", "\"deflatedWindow\"");
    assertThat(json.readValue(text, GzipCheckpoint.class)).isEqualTo(cp);
    assertThat(json.readValue(json.writeValueAsString(index), GzipIndex.class)).isEqualTo(index);
    // the compact form deflates the window: FASTQ text packs well below its 32 KiB
    assertThat(cp.toCompactString().length()).isLessThan(GzipCheckpoint.MAX_WINDOW);
  }

  @Test
  void checkpointsAreImmutableAndCheckTheirWindow() throws IOException {
    byte[] window = {1, 2, 3};
    GzipCheckpoint cp = GzipCheckpoint.of(10, 3, 100, window);
    window[0] = 9;
    cp.window()[1] = 9;
    cp.deflatedWindow()[0] ^= 1;
    assertThat(cp.window()).containsExactly(1, 2, 3);
    assertThat(cp.windowLength()).isEqualTo(3);
    assertThatThrownBy(() -> GzipCheckpoint.of(10, 8, 100, window))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> GzipCheckpoint.fromCompactString("1:2:x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a gzip checkpoint");
    // a damaged window (a corrupt index or slice) fails when the stream opens, naming the object
    byte[] data = fastq(28, 5_000);
    byte[] gz = jdkGzip(data);
    GzipCheckpoint good =
        GzipIndexer.index(new ByteArrayInputStream(gz), 100_000, null).checkpoints().get(1);
    byte[] damaged = good.deflatedWindow();
    Arrays.fill(damaged, damaged.length / 2, damaged.length, (byte) 0xff);
    GzipCheckpoint bad = new GzipCheckpoint(good.compressedOffset(), good.bitOffset(),
        good.uncompressedOffset(), good.windowLength(), damaged);
    assertThatThrownBy(() -> GzipCheckpointStream.open(new Bytes(gz), bad, "w.gz"))
        .isInstanceOf(IOException.class).hasMessageContaining("w.gz")
        .hasMessageContaining("damaged gzip checkpoint window");
  }

  @Test
  void readFromRejectsWhatIsNotAnIndex() throws IOException {
    assertThatThrownBy(() -> GzipIndex.readFrom(new ByteArrayInputStream("nonsense!".getBytes())))
        .isInstanceOf(IOException.class).hasMessageContaining("not a Quarry gzip index");
    byte[] data = fastq(25, 1000);
    GzipIndex index = GzipIndexer.index(new ByteArrayInputStream(jdkGzip(data)), 10_000, null);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    index.writeTo(out);
    byte[] cut = Arrays.copyOf(out.toByteArray(), out.size() - 3);
    assertThatThrownBy(() -> GzipIndex.readFrom(new ByteArrayInputStream(cut)))
        .isInstanceOf(IOException.class).hasMessageContaining("corrupt gzip index");
    // the binary form is small: windows are stored deflated
    assertThat(out.size()).isLessThan(index.checkpoints().size() * GzipCheckpoint.MAX_WINDOW / 2);
  }
}
