package dev.quarry.slice.gzip;

import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Builds a {@link GzipIndex} in one pass over a gzip object (one member or several concatenated,
 * trailing zero padding allowed), checking every member's CRC-32 and length, and hands every
 * decompressed byte to a sink on the way.
 *
 * <p>When there is a sink and more than one processor, inflating runs on a helper thread and the
 * sink on the calling thread, a few 256 KiB chunks apart, so a costly sink (a format scanning for
 * record boundaries) overlaps with decompression instead of adding to it.
 */
public final class GzipIndexer {

  private static final int PIPELINE_CHUNKS = 4;

  private GzipIndexer() {}

  /**
   * Indexes {@code compressed} (read to its end, not closed), recording a checkpoint at the start
   * of the first member and then at the first deflate block boundary (or member start) at least
   * {@code spanBytes} of output after the previous checkpoint. Each checkpoint keeps up to 32 KiB of
   * window in memory: choose a span that keeps their number in the thousands.
   *
   * @param sink receives every decompressed byte in order, on the calling thread; null for none
   * @throws GzipFormatException if the data is truncated or corrupt (message names the offset)
   */
  public static GzipIndex index(InputStream compressed, long spanBytes, UncompressedSink sink)
      throws IOException {
    return index(compressed, spanBytes, sink, null);
  }

  /** As {@link #index(InputStream, long, UncompressedSink)}; errors name {@code objectName}. */
  public static GzipIndex index(InputStream compressed, long spanBytes, UncompressedSink sink,
      String objectName) throws IOException {
    boolean pipelined = sink != null && Runtime.getRuntime().availableProcessors() > 1;
    return index(compressed, spanBytes, sink, objectName, pipelined);
  }

  /** Indexes a whole object, streaming it; errors name its location. */
  public static GzipIndex index(InputFile file, long spanBytes, UncompressedSink sink)
      throws IOException {
    try (InputStream in = file.newStream()) {
      return index(in, spanBytes, sink, file.location().toString());
    }
  }

  static GzipIndex index(InputStream compressed, long spanBytes, UncompressedSink sink,
      String objectName, boolean pipelined) throws IOException {
    if (spanBytes <= 0) {
      throw new IllegalArgumentException("gzip checkpoint span must be positive: " + spanBytes);
    }
    GzipDecoder decoder = GzipDecoder.fromStart(compressed, objectName, spanBytes);
    if (pipelined && sink != null) {
      runPipelined(decoder, sink);
    } else {
      while (decoder.next()) {
        int len = decoder.chunkEnd() - decoder.chunkStart();
        if (len > 0 && sink != null) {
          sink.accept(decoder.buffer(), decoder.chunkStart(), len);
        }
      }
    }
    return new GzipIndex(decoder.compressedPosition(), decoder.uncompressedPosition(),
        decoder.members(), decoder.checkpoints());
  }

  private record Chunk(byte[] bytes, int length) {}

  private static final Chunk END = new Chunk(null, 0);

  /** Decodes on a helper thread; the sink runs here. Chunks are copied into a small buffer pool. */
  private static void runPipelined(GzipDecoder decoder, UncompressedSink sink) throws IOException {
    BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(PIPELINE_CHUNKS);
    BlockingQueue<Chunk> full = new ArrayBlockingQueue<>(PIPELINE_CHUNKS + 1);
    for (int i = 0; i < PIPELINE_CHUNKS; i++) {
      free.add(new byte[decoder.buffer().length]);
    }
    Throwable[] failure = new Throwable[1];
    Thread worker = new Thread(() -> {
      try {
        while (decoder.next()) {
          int len = decoder.chunkEnd() - decoder.chunkStart();
          if (len > 0) {
            byte[] b = free.take();
            System.arraycopy(decoder.buffer(), decoder.chunkStart(), b, 0, len);
            full.put(new Chunk(b, len));
          }
        }
      } catch (InterruptedException e) {
        return; // the consumer gave up
      } catch (Throwable e) {
        failure[0] = e;
      }
      full.add(END); // never blocks: at most PIPELINE_CHUNKS chunks are queued
    }, "gzip-inflate");
    worker.setDaemon(true);
    worker.start();
    boolean finished = false;
    try {
      while (true) {
        Chunk chunk = full.take();
        if (chunk == END) {
          break;
        }
        sink.accept(chunk.bytes(), 0, chunk.length());
        free.add(chunk.bytes());
      }
      worker.join();
      finished = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while indexing gzip data");
    } finally {
      if (!finished) {
        worker.interrupt();
        try {
          worker.join();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
    Throwable f = failure[0]; // visible: written before END was queued and taken
    if (f instanceof IOException e) {
      throw e;
    } else if (f instanceof RuntimeException e) {
      throw e;
    } else if (f instanceof Error e) {
      throw e;
    } else if (f != null) {
      throw new UncheckedIOException(new IOException(f));
    }
  }
}
