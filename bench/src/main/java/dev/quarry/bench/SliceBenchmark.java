package dev.quarry.bench;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import dev.quarry.slice.PartitionStrategy;
import dev.quarry.slice.PreprocessOptions;
import dev.quarry.slice.RecordStream;
import dev.quarry.slice.Slice;
import dev.quarry.slice.Slicer;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * The slice benchmark, on a generated FASTQ (plain and gzip, kept under bench/data):
 *
 * <ol>
 *   <li>preprocessing the gzip FASTQ (one pass: gzip index + read boundaries) against {@code gzip
 *       -dc > /dev/null} of the same file, in the same run: throughput ratio (target at least 0.8);
 *   <li>reading all slices of the gzip FASTQ in parallel against one sequential read of it all;
 *   <li>a slice read (range request + record splitting) against a raw range read of the same
 *       bytes, on the plain FASTQ: the overhead of slicing.
 * </ol>
 *
 * Options: {@code --gb=N} uncompressed FASTQ size (default 2), {@code --dir=PATH} (default
 * bench/data), {@code --slices=N} (default 4 per CPU), {@code --workers=N} (default CPUs).
 */
public final class SliceBenchmark {

  public static void main(String[] args) throws Exception {
    double gb = 2;
    Path dir = Path.of("bench/data");
    int workers = Runtime.getRuntime().availableProcessors();
    int slices = 4 * workers;
    for (String a : args) {
      if (a.startsWith("--gb=")) {
        gb = Double.parseDouble(a.substring(5));
      } else if (a.startsWith("--dir=")) {
        dir = Path.of(a.substring(6));
      } else if (a.startsWith("--slices=")) {
        slices = Integer.parseInt(a.substring(9));
      } else if (a.startsWith("--workers=")) {
        workers = Integer.parseInt(a.substring(10));
      } else {
        throw new IllegalArgumentException("unknown option " + a);
      }
    }
    Files.createDirectories(dir);
    String tag = String.format(Locale.ROOT, "%.2fgb", gb);
    Path plain = dir.resolve("reads-" + tag + ".fastq");
    Path gz = dir.resolve("reads-" + tag + ".fastq.gz");
    if (!Files.exists(gz) || !Files.exists(plain)) {
      generate(plain, gz, (long) (gb * (1L << 30)));
    }
    System.out.printf(Locale.ROOT, "FASTQ: %s (%,d bytes), gzip %s (%,d bytes); %d workers, %d slices%n",
        plain, Files.size(plain), gz, Files.size(gz), workers, slices);

    FileIO io = FileIO.unrestricted();
    Location gzObject = Location.ofLocal(gz);
    Location plainObject = Location.ofLocal(plain);
    Location meta = Location.ofLocal(dir.resolve("slice-meta"));
    try (LocalEngine engine = new LocalEngine(workers)) {
      Slicer slicer = new Slicer(io, engine);

      // 1. preprocess vs gzip -dc, twice each, best of two (the first warms the page cache)
      double gzipSeconds = Double.MAX_VALUE;
      double preSeconds = Double.MAX_VALUE;
      for (int round = 0; round < 2; round++) {
        gzipSeconds = Math.min(gzipSeconds, time(() -> gunzipToNull(gz)));
        preSeconds = Math.min(preSeconds, time(() -> slicer.preprocess(gzObject, "fastq.gz",
            PreprocessOptions.defaults().withMeta(meta).withForce(true))));
      }
      long uncompressed = Files.size(plain);
      System.out.printf(Locale.ROOT, "gzip -dc > /dev/null:        %7.2f s  %7.1f MB/s%n", gzipSeconds,
          uncompressed / gzipSeconds / 1e6);
      System.out.printf(Locale.ROOT, "quarry slice preprocess:     %7.2f s  %7.1f MB/s  (gzip index + reads)%n",
          preSeconds, uncompressed / preSeconds / 1e6);
      System.out.printf(Locale.ROOT, "RATIO preprocess/gzip throughput: %.2fx (target >= 0.80)%n",
          gzipSeconds / preSeconds);

      // 2. all slices in parallel vs one sequential read of everything
      List<Slice> one = slicer.partition(gzObject, "fastq.gz", meta, PartitionStrategy.slices(1));
      List<Slice> many = slicer.partition(gzObject, "fastq.gz", meta, PartitionStrategy.slices(slices));
      long[] seqRecords = new long[1];
      long[] parRecords = new long[1];
      int w = workers;
      double seqSeconds = Double.MAX_VALUE;
      double parSeconds = Double.MAX_VALUE;
      double seqCpu = 0;
      double parCpu = 0;
      for (int round = 0; round < 2; round++) {
        double cpu0 = cpuSeconds();
        seqSeconds = Math.min(seqSeconds, time(() -> seqRecords[0] = readSlices(io, one, 1)));
        double cpu1 = cpuSeconds();
        parSeconds = Math.min(parSeconds, time(() -> parRecords[0] = readSlices(io, many, w)));
        seqCpu = cpu1 - cpu0;
        parCpu = cpuSeconds() - cpu1;
      }
      if (seqRecords[0] != parRecords[0]) {
        throw new IllegalStateException("sequential read " + seqRecords[0] + " reads, parallel " + parRecords[0]);
      }
      System.out.printf(Locale.ROOT, "read 1 slice (sequential):   %7.2f s  %,d reads  (CPU %.2f s)%n",
          seqSeconds, seqRecords[0], seqCpu);
      System.out.printf(Locale.ROOT, "read %d slices, %d workers:  %7.2f s  %,d reads  (CPU %.2f s)%n",
          many.size(), workers, parSeconds, parRecords[0], parCpu);
      System.out.printf(Locale.ROOT, "RATIO parallel speed-up: %.2fx on %d workers (load average %.1f on %d CPUs)%n",
          seqSeconds / parSeconds, workers,
          java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          Runtime.getRuntime().availableProcessors());

      // 3. slice read vs raw range read of the same bytes (plain FASTQ)
      slicer.preprocess(plainObject, "fastq", PreprocessOptions.defaults().withMeta(meta));
      List<Slice> parts = slicer.partition(plainObject, "fastq", meta, PartitionStrategy.slices(slices));
      double sliceSeconds = Double.MAX_VALUE;
      double rawSeconds = Double.MAX_VALUE;
      for (int round = 0; round < 3; round++) {
        rawSeconds = Math.min(rawSeconds, time(() -> rawRead(io, plainObject, parts)));
        sliceSeconds = Math.min(sliceSeconds, time(() -> readSlices(io, parts, 1)));
      }
      System.out.printf(Locale.ROOT, "raw range reads:             %7.2f s  %7.1f MB/s%n", rawSeconds,
          uncompressed / rawSeconds / 1e6);
      System.out.printf(Locale.ROOT, "slice reads (records):       %7.2f s  %7.1f MB/s%n", sliceSeconds,
          uncompressed / sliceSeconds / 1e6);
      System.out.printf(Locale.ROOT, "RATIO slice read time / raw range read time: %.2fx%n", sliceSeconds / rawSeconds);
    }
  }

  interface Work {
    void run() throws Exception;
  }

  static double time(Work work) throws Exception {
    long t0 = System.nanoTime();
    work.run();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** CPU time used by this process so far (all threads). */
  static double cpuSeconds() {
    return ((com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean())
            .getProcessCpuTime()
        / 1e9;
  }

  static void gunzipToNull(Path gz) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("gzip", "-dc", gz.toString())
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    if (p.waitFor() != 0) {
      throw new IOException("gzip -dc failed");
    }
  }

  /** Reads every slice's records, on {@code workers} threads; returns the record count. */
  static long readSlices(FileIO io, List<Slice> slices, int workers) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(workers);
    try {
      List<Future<Long>> counts = new ArrayList<>();
      for (Slice s : slices) {
        counts.add(pool.submit(() -> {
          long n = 0;
          try (RecordStream records = s.open(io)) {
            while (records.next() != null) {
              n++;
            }
          }
          return n;
        }));
      }
      long total = 0;
      for (Future<Long> f : counts) {
        total += f.get();
      }
      return total;
    } finally {
      pool.shutdown();
    }
  }

  /** The same byte ranges as the slices, read raw and discarded. */
  static void rawRead(FileIO io, Location object, List<Slice> slices) throws IOException {
    InputFile file = io.newInputFile(object);
    byte[] buf = new byte[64 * 1024];
    for (Slice s : slices) {
      try (InputStream in = file.openRange(s.start(), s.end() - s.start())) {
        while (in.read(buf) > 0) {
          // discard
        }
      }
    }
  }

  /** Illumina-like reads of 150 bases, written plain and gzip (default level) at once. */
  static void generate(Path plain, Path gz, long bytes) throws IOException {
    System.out.printf(Locale.ROOT, "generating %,d bytes of FASTQ in %s ...%n", bytes, plain.getParent());
    Random random = new Random(42);
    byte[] bases = "ACGT".getBytes(StandardCharsets.US_ASCII);
    Path plainTmp = plain.resolveSibling(plain.getFileName() + ".tmp");
    Path gzTmp = gz.resolveSibling(gz.getFileName() + ".tmp");
    try (OutputStream p = new BufferedOutputStream(Files.newOutputStream(plainTmp), 1 << 20);
        OutputStream g = new GZIPOutputStream(Files.newOutputStream(gzTmp), 1 << 20)) {
      byte[] seq = new byte[150];
      byte[] qual = new byte[150];
      long written = 0;
      for (long i = 0; written < bytes; i++) {
        for (int j = 0; j < 150; j++) {
          seq[j] = bases[random.nextInt(4)];
          qual[j] = (byte) ('#' + Math.min(40, Math.max(0, 30 + (int) (random.nextGaussian() * 6))));
        }
        byte[] header = ("@SRR000001." + i + " " + i + "/1\n").getBytes(StandardCharsets.US_ASCII);
        for (OutputStream o : new OutputStream[] {p, g}) {
          o.write(header);
          o.write(seq);
          o.write('\n');
          o.write('+');
          o.write('\n');
          o.write(qual);
          o.write('\n');
        }
        written += header.length + 304;
      }
    }
    Files.move(plainTmp, plain, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.move(gzTmp, gz, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
