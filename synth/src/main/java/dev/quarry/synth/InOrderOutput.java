package dev.quarry.synth;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Joins the chunks that the shards of one table make in parallel into one stream, in shard order.
 * Workers only {@link #put} chunks and {@link #finish} shards, never wait and never touch the
 * stream: one thread, the caller's, writes ({@link #writeUntilDone}), so a slow reader holds up that
 * one thread and not the engine's workers, which other runs share. Chunks wait in memory up to a
 * budget and past it in a temporary file per shard, so memory stays bounded however far the workers
 * run ahead of the reader.
 *
 * <p>Chunks of a shard are numbered and one accepted before is dropped, so a retried shard, which
 * makes the same bytes again, picks up where its failed attempt stopped. After {@link #close()}
 * every call fails and nothing more reaches the stream. Thread-safe.
 */
final class InOrderOutput implements Closeable {

  private static final int MAX_FREE_BUFFERS = 16;

  private final OutputStream out;
  private final long budget;
  private final Shard[] shards;
  /** Buffers whose bytes went out, for the next chunks: no new (zeroed, often humongous) array per chunk. */
  private final ArrayDeque<byte[]> free = new ArrayDeque<>();
  private Path spillDir;
  private int current;
  private volatile boolean closed;
  private long buffered;
  private long written;

  /**
   * @param budget bytes of chunks held in memory before further ones go to temporary files
   */
  InOrderOutput(OutputStream out, int shardCount, long budget) {
    this.out = out;
    this.budget = budget;
    this.shards = new Shard[shardCount];
    for (int i = 0; i < shardCount; i++) {
      shards[i] = new Shard();
    }
  }

  /**
   * Takes chunk {@code seq} (0, 1, ...) of {@code shard}: the first {@code length} bytes of {@code
   * data}, which the caller must not touch again.
   */
  synchronized void put(int shard, int seq, byte[] data, int length) throws IOException {
    ensureOpen();
    Shard s = shards[shard];
    if (seq < s.accepted) {
      return; // made again by a retry
    }
    if (seq != s.accepted || s.finished) {
      throw new IllegalStateException("chunk " + seq + " of shard " + shard + " out of order");
    }
    // Counted only once stored: a chunk that could not be spilled is taken again from a retry.
    if (buffered + length > budget) {
      s.queue.add(spill(shard, s, data, length));
      recycle(data);
    } else {
      byte[] kept = data;
      if (length < data.length / 2) {
        // A shard's short last chunk: keep its bytes, not the whole buffer, so the budget is true.
        kept = Arrays.copyOf(data, length);
        recycle(data);
      }
      s.queue.add(new Chunk(kept, length, -1, null));
      buffered += length;
    }
    s.accepted++;
    notifyAll();
  }

  /** Marks {@code shard} complete: every chunk of it was put. */
  synchronized void finish(int shard) throws IOException {
    ensureOpen();
    shards[shard].finished = true;
    notifyAll();
  }

  /** A buffer of at least {@code size} bytes for a chunk: one already written out, or a new one. */
  synchronized byte[] buffer(int size) {
    byte[] b;
    while ((b = free.poll()) != null) {
      if (b.length >= size) {
        return b;
      }
    }
    return new byte[size];
  }

  private void recycle(byte[] b) {
    if (free.size() < MAX_FREE_BUFFERS) {
      free.add(b);
    }
  }

  /** Wakes {@link #writeUntilDone} to look at its stop condition again (the run ended). */
  synchronized void wake() {
    notifyAll();
  }

  /**
   * Writes chunks in order on this thread as they become ready, until every shard is written (true)
   * or {@code stop} says no more will come (false: the run ended early). {@code stop} is asked at
   * least every {@code checkMillis}, and after every {@link #wake()}.
   */
  boolean writeUntilDone(BooleanSupplier stop, long checkMillis) throws IOException {
    while (true) {
      Chunk next;
      synchronized (this) {
        while (true) {
          ensureOpen();
          next = null;
          while (current < shards.length) {
            Shard s = shards[current];
            next = s.queue.poll();
            if (next != null) {
              break;
            }
            if (!s.finished) {
              break;
            }
            s.deleteSpill();
            current++;
          }
          if (next != null) {
            break;
          }
          if (current == shards.length) {
            return true;
          }
          if (stop.getAsBoolean()) {
            return false;
          }
          try {
            wait(checkMillis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
          }
        }
      }
      next.writeTo(out);
      synchronized (this) {
        written += next.length;
        if (next.spillOffset < 0) {
          buffered -= next.length;
          recycle(next.data);
        }
      }
    }
  }

  /** Whether {@link #close()} was called: the run's output is done with or abandoned. */
  boolean isClosed() {
    return closed;
  }

  /** Bytes written to the stream so far. */
  synchronized long written() {
    return written;
  }

  private Chunk spill(int index, Shard s, byte[] data, int length) throws IOException {
    if (spillDir == null) {
      spillDir = Files.createTempDirectory("quarry-synth-spill-");
    }
    if (s.spill == null) {
      s.spillFile = spillDir.resolve("shard-" + index);
      s.spill = FileChannel.open(s.spillFile, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
          StandardOpenOption.WRITE);
    }
    long offset = s.spillEnd;
    ByteBuffer buf = ByteBuffer.wrap(data, 0, length);
    while (buf.hasRemaining()) {
      s.spill.write(buf, s.spillEnd + buf.position());
    }
    s.spillEnd += length;
    return new Chunk(null, length, offset, s.spill);
  }

  private void ensureOpen() throws IOException {
    if (closed) {
      throw new IOException("the output is closed");
    }
  }

  /**
   * Stops all writing and deletes the temporary files. Called by the writing thread when it is done
   * (or gave up); later puts fail, so late workers of an abandoned run stop there.
   */
  @Override
  public synchronized void close() {
    closed = true;
    for (Shard s : shards) {
      s.queue.clear();
      s.deleteSpill();
    }
    free.clear();
    if (spillDir != null) {
      try {
        Files.deleteIfExists(spillDir);
      } catch (IOException e) {
        // as in deleteSpill: a leftover temporary folder is no reason to fail
      }
    }
    notifyAll();
  }

  /** A shard's chunks not yet written, and its spill file. */
  private static final class Shard {
    final ArrayDeque<Chunk> queue = new ArrayDeque<>();
    int accepted;
    boolean finished;
    Path spillFile;
    FileChannel spill;
    long spillEnd;

    void deleteSpill() {
      if (spill == null) {
        return;
      }
      try {
        spill.close();
        Files.deleteIfExists(spillFile);
      } catch (IOException e) {
        // Only a temporary file left behind: not worth failing the output for.
      }
      spill = null;
    }
  }

  /**
   * Bytes in memory, or at {@code spillOffset} of the shard's spill file ({@code spill}, kept here so
   * that a concurrent {@link #close()} makes a read fail as closed rather than find no channel).
   */
  private record Chunk(byte[] data, int length, long spillOffset, FileChannel spill) {
    void writeTo(OutputStream out) throws IOException {
      if (spillOffset < 0) {
        out.write(data, 0, length);
        return;
      }
      byte[] buf = new byte[Math.min(length, 1 << 20)];
      long pos = spillOffset;
      long end = spillOffset + length;
      try {
        while (pos < end) {
          ByteBuffer b = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, end - pos));
          while (b.hasRemaining()) {
            if (spill.read(b, pos + b.position()) < 0) {
              throw new IOException("a spill file of the output ended early");
            }
          }
          out.write(buf, 0, b.position());
          pos += b.position();
        }
      } catch (ClosedChannelException e) {
        throw new IOException("the output is closed", e);
      }
    }
  }
}
