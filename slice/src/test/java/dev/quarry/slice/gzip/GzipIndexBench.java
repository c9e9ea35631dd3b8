package dev.quarry.slice.gzip;

import java.io.BufferedInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Throwaway throughput harness (not a test): indexing a gzip file vs {@code gzip -dc FILE >
 * /dev/null} in the same run. Usage: {@code GzipIndexBench FILE [SPAN_BYTES] [ROUNDS]}.
 */
public final class GzipIndexBench {

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    long span = args.length > 1 ? Long.parseLong(args[1]) : 16L << 20;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
    long size = Files.size(file);
    System.out.printf("file %s: %,d compressed bytes%n", file, size);
    for (int round = 1; round <= rounds; round++) {
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder("gzip", "-dc", file.toString())
          .redirectOutput(new File("/dev/null")).start();
      if (p.waitFor() != 0) {
        throw new IOException("gzip -dc failed");
      }
      double gzipSec = (System.nanoTime() - t0) / 1e9;

      long[] lines = new long[1];
      UncompressedSink countLines = (b, off, len) -> {
        long n = 0;
        for (int i = off, end = off + len; i < end; i++) {
          if (b[i] == '\n') {
            n++;
          }
        }
        lines[0] += n;
      };
      t0 = System.nanoTime();
      GzipIndex index;
      try (InputStream in = Files.newInputStream(file)) {
        index = GzipIndexer.index(in, span, countLines, null, false);
      }
      double directSec = (System.nanoTime() - t0) / 1e9;
      lines[0] = 0;
      t0 = System.nanoTime();
      try (InputStream in = Files.newInputStream(file)) {
        index = GzipIndexer.index(in, span, countLines, null, true);
      }
      double indexSec = (System.nanoTime() - t0) / 1e9;

      t0 = System.nanoTime();
      long jdk = 0;
      try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16), 1 << 16)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          jdk += n;
        }
      }
      double jdkSec = (System.nanoTime() - t0) / 1e9;
      double mb = index.uncompressedSize() / 1e6;
      System.out.printf(
          "round %d: uncompressed %,d B, %d checkpoints, %,d lines | gzip -dc %.2fs (%.0f MB/s) | "
              + "index+count lines, one thread %.2fs (%.0f MB/s) = %.2fx gzip | pipelined %.2fs "
              + "(%.0f MB/s) = %.2fx gzip | JDK GZIPInputStream alone %.2fs (%.0f MB/s)%n",
          round, index.uncompressedSize(), index.checkpoints().size(), lines[0], gzipSec,
          mb / gzipSec, directSec, mb / directSec, gzipSec / directSec, indexSec, mb / indexSec,
          gzipSec / indexSec, jdkSec, mb / jdkSec);
      java.io.ByteArrayOutputStream indexBytes = new java.io.ByteArrayOutputStream();
      index.writeTo(indexBytes);
      System.out.printf("  index: %d checkpoints, %,d bytes written%n", index.checkpoints().size(),
          indexBytes.size());
      if (jdk != index.uncompressedSize()) {
        throw new IllegalStateException("size mismatch " + jdk);
      }
    }
  }
}
