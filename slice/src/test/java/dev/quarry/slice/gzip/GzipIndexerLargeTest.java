package dev.quarry.slice.gzip;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;
import org.apache.commons.io.output.TeeOutputStream;
import org.junit.jupiter.api.Test;

/**
 * A single gzip member of more than 4 GiB uncompressed, generated on the fly through a pipe (no big
 * file anywhere): offsets past 2^32 must be exact, ISIZE (the size mod 2^32) must check, and a
 * checkpoint past 4 GiB must read the right bytes. Size: {@code -Dquarry.gzip.largeSize=BYTES}.
 */
class GzipIndexerLargeTest {

  private static final int UNIT = 1 << 20;

  /** The data: 1 MiB units, each its own offset as 8 big-endian bytes followed by zeros. */
  static void expected(long offset, byte[] b, int off, int len) {
    Arrays.fill(b, off, off + len, (byte) 0);
    long unit = offset / UNIT * UNIT;
    for (long u = unit; u < offset + len; u += UNIT) {
      byte[] stamp = ByteBuffer.allocate(8).putLong(u).array();
      for (int i = 0; i < 8; i++) {
        long at = u + i;
        if (at >= offset && at < offset + len) {
          b[off + (int) (at - offset)] = stamp[i];
        }
      }
    }
  }

  @Test
  void memberAbove4GiBHas64BitOffsetsAndLateCheckpointsRead() throws Exception {
    long size = Long.getLong("quarry.gzip.largeSize", (1L << 32) + (80L << 20) + 12345);
    ByteArrayOutputStream compressedCopy = new ByteArrayOutputStream();
    PipedInputStream pipe = new PipedInputStream(1 << 20);
    PipedOutputStream pipeOut = new PipedOutputStream(pipe);
    CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
      try (OutputStream out = pipeOut) {
        writeGzip(size, new TeeOutputStream(out, compressedCopy));
      } catch (IOException e) {
        throw new RuntimeException(e);
      }
    });
    long[] checked = new long[1];
    byte[] want = new byte[256 * 1024 + 1024];
    GzipIndex index;
    try (InputStream in = pipe) {
      index = GzipIndexer.index(in, 32L << 20, (b, off, len) -> {
        for (int done = 0; done < len; ) {
          int k = Math.min(len - done, want.length);
          expected(checked[0], want, 0, k);
          if (!Arrays.equals(b, off + done, off + done + k, want, 0, k)) {
            throw new AssertionError("wrong bytes near uncompressed offset " + checked[0]);
          }
          checked[0] += k;
          done += k;
        }
      }, "big.gz");
    }
    writer.join();
    assertThat(checked[0]).isEqualTo(size);
    assertThat(index.uncompressedSize()).isEqualTo(size);
    assertThat(index.compressedSize()).isEqualTo(compressedCopy.size());
    List<GzipCheckpoint> cps = index.checkpoints();
    GzipCheckpoint last = cps.get(cps.size() - 1);
    assertThat(last.uncompressedOffset()).isGreaterThan(1L << 32);
    assertThat(index.checkpointAtOrBefore(size - 1)).isEqualTo(last);

    GzipTestData.Bytes object = new GzipTestData.Bytes(compressedCopy.toByteArray());
    try (InputStream in = GzipCheckpointStream.open(object, last)) {
      byte[] tail = in.readAllBytes();
      assertThat(last.uncompressedOffset() + tail.length).isEqualTo(size);
      byte[] expect = new byte[tail.length];
      expected(last.uncompressedOffset(), expect, 0, expect.length);
      assertThat(Arrays.equals(tail, expect)).isTrue();
    }
    // the checkpoint just below 2^32 reads across it
    GzipCheckpoint below = index.checkpointAtOrBefore((1L << 32) - 1);
    assertThat(below.uncompressedOffset()).isLessThan(1L << 32);
    try (GzipCheckpointStream in = GzipCheckpointStream.open(object, below)) {
      in.skipNBytes((1L << 32) - 16 - below.uncompressedOffset());
      byte[] got = in.readNBytes(32);
      byte[] expect = new byte[32];
      expected((1L << 32) - 16, expect, 0, 32);
      assertThat(got).isEqualTo(expect);
    }
  }

  private static void writeGzip(long size, OutputStream out) throws IOException {
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
    CRC32 crc = new CRC32();
    Deflater deflater = new Deflater(1, true);
    byte[] unit = new byte[UNIT];
    try (DeflaterOutputStream d = new DeflaterOutputStream(CloseShieldOutputStream.wrap(out), deflater, 1 << 16)) {
      for (long at = 0; at < size; at += UNIT) {
        int len = (int) Math.min(UNIT, size - at);
        expected(at, unit, 0, len);
        crc.update(unit, 0, len);
        d.write(unit, 0, len);
      }
    } finally {
      deflater.end();
    }
    for (long v : new long[] {crc.getValue(), size & 0xffffffffL}) {
      for (int i = 0; i < 4; i++) {
        out.write((int) (v >>> (8 * i)) & 0xff);
      }
    }
  }
}
