package dev.quarry.synth;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;

/**
 * Joins the chunks that the shards of one table make in parallel into one stream, in shard order,
 * as they come. Chunks of the shard whose turn it is go straight out; chunks of later shards wait
 * in memory up to a budget, past it in a temporary file per shard, until their turn. So output
 * starts at once, nothing is written twice while the workers keep pace with each other, and memory
 * stays bounded however far a worker runs ahead.
 *
 * <p>Whichever thread hands over a chunk or finishes a shard when nobody is writing becomes the
 * writer until nothing more is ready; the others only queue. Chunks of a shard are numbered and one
 * accepted before is dropped, so a retried shard, which makes the same bytes again, picks up where
 * its failed attempt stopped. After {@link #close()} (the run is over or abandoned) every call
 * fails and nothing more reaches the stream. Thread-safe.
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
  private boolean writing;
  private boolean closed;
  private long buffered;
  private long written;
  private IOException failure;

  /**
   * @param budget bytes of later shards' chunks held in memory before they go to temporary files
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
  void put(int shard, int seq, byte[] data, int length) throws IOException {
    synchronized (this) {
      ensureOpen();
      Shard s = shards[shard];
      if (seq < s.accepted) {
        return; // made again by a retry
      }
      if (seq != s.accepted || s.finished) {
        throw new IllegalStateException("chunk " + seq + " of shard " + shard + " out of order");
      }
      // Counted only once stored: a chunk that could not be spilled is taken again from a retry.
      if (shard != current && buffered + length > budget) {
        s.queue.add(spill(shard, s, data, length));
        recycle(data);
      } else {
        s.queue.add(new Chunk(data, length, -1));
        buffered += length;
      }
      s.accepted++;
      if (writing) {
        return;
      }
      writing = true;
    }
    drain();
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

  /** Marks {@code shard} complete: every chunk of it was put. */
  void finish(int shard) throws IOException {
    synchronized (this) {
      ensureOpen();
      shards[shard].finished = true;
      if (writing) {
        return;
      }
      writing = true;
    }
    drain();
  }

  /** Whether every shard was finished and written. */
  synchronized boolean complete() {
    return current == shards.length && !writing;
  }

  /** Bytes written to the stream so far. */
  synchronized long written() {
    return written;
  }

  /** Writes ready chunks in order until none is ready; the caller holds the writer role. */
  private void drain() throws IOException {
    while (true) {
      Chunk next;
      Shard owner;
      synchronized (this) {
        next = null;
        owner = null;
        while (!closed && current < shards.length) {
          Shard s = shards[current];
          next = s.queue.poll();
          if (next != null) {
            owner = s;
            break;
          }
          if (!s.finished) {
            break;
          }
          s.deleteSpill();
          current++;
        }
        if (next == null) {
          writing = false;
          notifyAll();
          return;
        }
      }
      try {
        next.writeTo(out, owner);
      } catch (IOException | RuntimeException e) {
        synchronized (this) {
          failure = e instanceof IOException io ? io : new IOException(e.getMessage(), e);
          writing = false;
          notifyAll();
        }
        throw e;
      }
      synchronized (this) {
        written += next.length;
        if (next.spillOffset < 0) {
          buffered -= next.length;
          recycle(next.data);
        }
      }
    }
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
    return new Chunk(null, length, offset);
  }

  private void ensureOpen() throws IOException {
    if (failure != null) {
      throw new IOException("the output failed: " + failure.getMessage(), failure);
    }
    if (closed) {
      throw new IOException("the output is closed");
    }
  }

  /** Stops all writing (waiting for a write under way) and deletes the temporary files. */
  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      boolean interrupted = false;
      while (writing) {
        try {
          wait();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
      for (Shard s : shards) {
        s.queue.clear();
        s.deleteSpill();
      }
      if (spillDir != null) {
        try {
          Files.deleteIfExists(spillDir);
        } catch (IOException e) {
          // as in deleteSpill: a leftover temporary folder is no reason to fail
        }
      }
    }
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

  /** Bytes in memory, or at {@code spillOffset} of the shard's spill file. */
  private record Chunk(byte[] data, int length, long spillOffset) {
    void writeTo(OutputStream out, Shard owner) throws IOException {
      if (spillOffset < 0) {
        out.write(data, 0, length);
        return;
      }
      byte[] buf = new byte[Math.min(length, 1 << 20)];
      long pos = spillOffset;
      long end = spillOffset + length;
      while (pos < end) {
        ByteBuffer b = ByteBuffer.wrap(buf, 0, (int) Math.min(buf.length, end - pos));
        while (b.hasRemaining()) {
          if (owner.spill.read(b, pos + b.position()) < 0) {
            throw new IOException("spill file " + owner.spillFile + " ended early");
          }
        }
        out.write(buf, 0, b.position());
        pos += b.position();
      }
    }
  }
}
