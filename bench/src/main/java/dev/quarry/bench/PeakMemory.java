package dev.quarry.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples memory while a run is going: peak Java heap (from the pools' peak usage, reset at start)
 * and peak resident set size of the process (DuckDB works in native memory, outside the heap).
 */
final class PeakMemory implements AutoCloseable {

  private final Thread sampler;
  private volatile boolean running = true;
  private volatile long peakRss;

  PeakMemory() {
    System.gc();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        p.resetPeakUsage();
      }
    }
    peakRss = rss();
    sampler = new Thread(() -> {
      while (running) {
        peakRss = Math.max(peakRss, rss());
        try {
          Thread.sleep(50);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "peak-memory");
    sampler.setDaemon(true);
    sampler.start();
  }

  /** Sum of the heap pools' peaks: an upper bound of the heap in use at any moment. */
  long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP) {
        sum += p.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  long peakRss() {
    return peakRss;
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }

  private static long rss() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }
}
