package dev.quarry.slice.gzip;

import dev.quarry.core.storage.RangeReadable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.io.output.CloseShieldOutputStream;

/** Test inputs: data generators and gzip writers (JDK, system gzip, hand-made headers). */
final class GzipTestData {

  private GzipTestData() {}

  static byte[] random(long seed, int size) {
    byte[] b = new byte[size];
    new Random(seed).nextBytes(b);
    return b;
  }

  /** FASTQ-like records: ids, DNA, '+', qualities (compresses about 3-4x, mixed literals/matches). */
  static byte[] fastq(long seed, int records) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder();
    String bases = "ACGT";
    for (int i = 0; i < records; i++) {
      sb.append("@SRR000").append(seed).append('.').append(i).append(" length=").append(100).append('\n');
      for (int j = 0; j < 100; j++) {
        sb.append(r.nextInt(50) == 0 ? 'N' : bases.charAt(r.nextInt(4)));
      }
      sb.append("\n+\n");
      for (int j = 0; j < 100; j++) {
        sb.append((char) ('!' + 20 + r.nextInt(21)));
      }
      sb.append('\n');
    }
    return sb.toString().getBytes(StandardCharsets.US_ASCII);
  }

  /** Words from a small vocabulary: long matches, highly compressible. */
  static byte[] text(long seed, int size) {
    Random r = new Random(seed);
    String[] words = {"the", "quarry", "slice", "gzip", "index", "window", "block", "deflate",
        "checkpoint", "offset", "record", "\n"};
    StringBuilder sb = new StringBuilder(size + 16);
    while (sb.length() < size) {
      sb.append(words[r.nextInt(words.length)]).append(' ');
    }
    return sb.substring(0, size).getBytes(StandardCharsets.US_ASCII);
  }

  static byte[] jdkGzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes, 64 * 1024)) {
      gz.write(data);
    }
    return bytes.toByteArray();
  }

  /** One gzip member at a Deflater level (0 = stored blocks), with optional header fields. */
  static byte[] member(byte[] data, int level, String fname, byte[] fextra, String fcomment,
      boolean fhcrc) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int flags = (fhcrc ? 2 : 0) | (fextra != null ? 4 : 0) | (fname != null ? 8 : 0)
        | (fcomment != null ? 16 : 0);
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, (byte) flags, 1, 2, 3, 4, 0, 3});
    if (fextra != null) {
      out.write(fextra.length & 0xff);
      out.write(fextra.length >>> 8);
      out.write(fextra);
    }
    if (fname != null) {
      out.write(fname.getBytes(StandardCharsets.ISO_8859_1));
      out.write(0);
    }
    if (fcomment != null) {
      out.write(fcomment.getBytes(StandardCharsets.ISO_8859_1));
      out.write(0);
    }
    if (fhcrc) {
      CRC32 crc = new CRC32();
      crc.update(out.toByteArray());
      int v = (int) crc.getValue();
      out.write(v & 0xff);
      out.write((v >>> 8) & 0xff);
    }
    Deflater deflater = new Deflater(level, true);
    try (DeflaterOutputStream d = new DeflaterOutputStream(CloseShieldOutputStream.wrap(out), deflater, 64 * 1024)) {
      d.write(data);
    } finally {
      deflater.end();
    }
    CRC32 crc = new CRC32();
    crc.update(data);
    writeLe32(out, crc.getValue());
    writeLe32(out, data.length);
    return out.toByteArray();
  }

  /** One member written with a Deflater strategy, flushing ({@code flush}) every {@code every} bytes. */
  static byte[] member(byte[] data, int level, int strategy, int flush, int every) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3});
    Deflater deflater = new Deflater(level, true);
    deflater.setStrategy(strategy);
    byte[] buf = new byte[64 * 1024];
    try {
      for (int at = 0; at < data.length; at += every) {
        deflater.setInput(data, at, Math.min(every, data.length - at));
        int n;
        while ((n = deflater.deflate(buf, 0, buf.length, flush)) > 0 || !deflater.needsInput()) {
          out.write(buf, 0, n);
        }
      }
      deflater.finish();
      while (!deflater.finished()) {
        out.write(buf, 0, deflater.deflate(buf));
      }
    } finally {
      deflater.end();
    }
    CRC32 crc = new CRC32();
    crc.update(data);
    writeLe32(out, crc.getValue());
    writeLe32(out, data.length);
    return out.toByteArray();
  }

  static byte[] member(byte[] data, int level) throws IOException {
    return member(data, level, null, null, null, false);
  }

  /** The system gzip at a level, or null when there is no /usr/bin/gzip. */
  static byte[] systemGzip(byte[] data, int level) throws IOException, InterruptedException {
    Path gzip = Path.of("/usr/bin/gzip");
    if (!Files.isExecutable(gzip)) {
      return null;
    }
    Path tmp = Files.createTempFile("quarry-gzip-test", ".in");
    try {
      Files.write(tmp, data);
      Process p = new ProcessBuilder(gzip.toString(), "-" + level, "-c", "-n", tmp.toString())
          .redirectError(ProcessBuilder.Redirect.INHERIT).start();
      byte[] out = p.getInputStream().readAllBytes();
      if (p.waitFor() != 0) {
        throw new IOException("gzip failed");
      }
      return out;
    } finally {
      Files.delete(tmp);
    }
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** An in-memory object that counts its range requests. */
  static final class Bytes implements RangeReadable {
    final byte[] data;
    final AtomicInteger ranges = new AtomicInteger();
    final java.util.concurrent.atomic.AtomicLong bytesServed = new java.util.concurrent.atomic.AtomicLong();

    Bytes(byte[] data) {
      this.data = data;
    }

    @Override
    public InputStream openRange(long offset, long length) {
      ranges.incrementAndGet();
      int from = (int) Math.min(offset, data.length);
      int len = length < 0 ? data.length - from : (int) Math.min(length, data.length - from);
      bytesServed.addAndGet(len);
      return new ByteArrayInputStream(data, from, len);
    }
  }

  private static void writeLe32(OutputStream out, long v) throws IOException {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)) & 0xff);
    }
  }
}
