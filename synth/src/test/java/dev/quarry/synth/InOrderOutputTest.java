package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link InOrderOutput}: chunks that shards put concurrently and out of order come out in shard
 * and chunk order, through memory or spill files; retried chunks are dropped; failures and close
 * stop everything.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class InOrderOutputTest {

  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

  private Set<Path> spillDirsBefore;

  static Set<Path> spillDirs() throws IOException {
    try (var s = Files.list(TMP)) {
      return s.filter(p -> p.getFileName().toString().startsWith("quarry-synth-spill-")).collect(Collectors.toSet());
    }
  }

  static Set<Path> newSpillDirs(Set<Path> before) throws IOException {
    Set<Path> now = spillDirs();
    now.removeAll(before);
    return now;
  }

  @BeforeEach
  void rememberSpillDirs() throws IOException {
    spillDirsBefore = spillDirs();
  }

  @AfterEach
  void noSpillDirLeft() throws IOException {
    assertThat(newSpillDirs(spillDirsBefore)).as("spill folders left behind").isEmpty();
  }

  /** The bytes of chunk {@code seq} of {@code shard}: recognisable, of varying length. */
  static byte[] chunk(int shard, int seq, int length) {
    byte[] b = new byte[length];
    String tag = "[" + shard + ":" + seq + "]";
    byte[] t = tag.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < length; i++) {
      b[i] = i < t.length ? t[i] : (byte) (shard * 31 + seq * 7 + i);
    }
    return b;
  }

  /** Chunk lengths per shard and seq, with some empty shards and some empty chunks. */
  static int[][] plan(int shards, int maxChunks, int maxLength, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int[][] lengths = new int[shards][];
    for (int s = 0; s < shards; s++) {
      int chunks = s % 5 == 3 ? 0 : r.nextInt(1, maxChunks + 1);
      lengths[s] = new int[chunks];
      for (int c = 0; c < chunks; c++) {
        lengths[s][c] = r.nextInt(10) == 0 ? 1 : r.nextInt(1, maxLength + 1);
      }
    }
    return lengths;
  }

  static byte[] expected(int[][] lengths) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int s = 0; s < lengths.length; s++) {
      for (int c = 0; c < lengths[s].length; c++) {
        out.writeBytes(chunk(s, c, lengths[s][c]));
      }
    }
    return out.toByteArray();
  }

  /** A stream that records which thread wrote, and checks no two threads write at once. */
  static final class CheckedStream extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final AtomicInteger inside = new AtomicInteger();
    volatile boolean overlapped;

    @Override
    public void write(int b) {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (inside.incrementAndGet() != 1) {
        overlapped = true;
      }
      Thread.yield();
      synchronized (bytes) {
        bytes.write(b, off, len);
      }
      inside.decrementAndGet();
    }

    byte[] toByteArray() {
      synchronized (bytes) {
        return bytes.toByteArray();
      }
    }
  }

  /**
   * Runs one thread per shard (started in reverse order, with random pauses) that puts its chunks
   * in order and finishes, or a pool of fewer threads taking shards in a shuffled order.
   */
  static void runShards(InOrderOutput output, int[][] lengths, int threads, long seed) throws Exception {
    List<Integer> order = new ArrayList<>();
    for (int s = lengths.length - 1; s >= 0; s--) {
      order.add(s);
    }
    if (threads < lengths.length) {
      Collections.shuffle(order, new java.util.Random(seed));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(Math.min(threads, lengths.length));
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int s : order) {
        done.add(pool.submit(() -> {
          SplittableRandom r = new SplittableRandom(seed * 1000 + s);
          if (threads >= lengths.length) {
            start.await();
          }
          for (int c = 0; c < lengths[s].length; c++) {
            if (r.nextInt(4) == 0) {
              Thread.sleep(0, r.nextInt(100_000));
            }
            output.put(s, c, chunk(s, c, lengths[s][c]), lengths[s][c]);
          }
          output.finish(s);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void chunksPutOutOfOrderFromManyThreadsComeOutInOrder() throws Exception {
    for (long seed = 1; seed <= 20; seed++) {
      int shards = 1 + (int) (seed % 12);
      int[][] lengths = plan(shards, 12, 3000, seed);
      CheckedStream out = new CheckedStream();
      try (InOrderOutput output = new InOrderOutput(out, shards, 64L << 20)) {
        runShards(output, lengths, seed % 2 == 0 ? shards : 3, seed);
        assertThat(output.complete()).isTrue();
        byte[] expected = expected(lengths);
        assertThat(out.toByteArray()).as("seed " + seed).isEqualTo(expected);
        assertThat(output.written()).isEqualTo(expected.length);
      }
      assertThat(out.overlapped).as("two threads wrote at once").isFalse();
    }
  }

  @Test
  void aTinyBudgetSpillsToTemporaryFilesAndTheBytesAreStillRight() throws Exception {
    for (long budget : new long[] {0, 1, 5000}) {
      for (long seed = 1; seed <= 6; seed++) {
        int shards = 2 + (int) (seed % 7);
        int[][] lengths = plan(shards, 10, 20_000, seed + 100);
        CheckedStream out = new CheckedStream();
        try (InOrderOutput output = new InOrderOutput(out, shards, budget)) {
          runShards(output, lengths, shards, seed);
          assertThat(output.complete()).isTrue();
          byte[] expected = expected(lengths);
          assertThat(out.toByteArray()).as("budget " + budget + ", seed " + seed).isEqualTo(expected);
          assertThat(output.written()).isEqualTo(expected.length);
        }
        assertThat(newSpillDirs(spillDirsBefore)).as("spill folder after close").isEmpty();
      }
    }
  }

  @Test
  void laterShardsSpillWhileTheFirstIsSlowAndTheFolderGoesOnClose() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InOrderOutput output = new InOrderOutput(out, 3, 100);
    // shard 2 and 1 run ahead of shard 0: past 100 bytes they go to files
    byte[] big = chunk(2, 0, 3 << 20); // bigger than the 1 MiB read buffer of a spilled chunk
    output.put(2, 0, big, big.length);
    output.put(2, 1, chunk(2, 1, 50), 50);
    output.finish(2);
    output.put(1, 0, chunk(1, 0, 80), 80);
    output.put(1, 1, chunk(1, 1, 70_000), 70_000);
    assertThat(out.size()).isZero();
    assertThat(output.written()).isZero();
    Set<Path> dirs = newSpillDirs(spillDirsBefore);
    assertThat(dirs).hasSize(1);
    Path dir = dirs.iterator().next();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("shard-1", "shard-2");
    }
    // shard 0 is current: it goes straight out whatever the budget
    byte[] first = chunk(0, 0, 10_000);
    output.put(0, 0, first, first.length);
    assertThat(out.size()).isEqualTo(10_000);
    assertThat(output.written()).isEqualTo(10_000);
    output.finish(0);
    // shard 1 is written up to what it has; shard 2 waits until 1 is finished
    assertThat(output.written()).isEqualTo(10_000 + 80 + 70_000);
    assertThat(output.complete()).isFalse();
    output.put(1, 2, chunk(1, 2, 5), 5);
    output.finish(1);
    assertThat(output.complete()).isTrue();
    byte[] expected = expected(new int[][] {{10_000}, {80, 70_000, 5}, {3 << 20, 50}});
    assertThat(out.toByteArray()).isEqualTo(expected);
    assertThat(output.written()).isEqualTo(expected.length);
    try (var files = Files.list(dir)) {
      assertThat(files.toList()).as("spill files of written shards are deleted").isEmpty();
    }
    output.close();
    assertThat(dir).doesNotExist();
    output.close(); // twice is fine
  }

  @Test
  void closingWithSpilledChunksPendingDeletesThem() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InOrderOutput output = new InOrderOutput(out, 4, 0);
    for (int s = 1; s < 4; s++) {
      for (int c = 0; c < 3; c++) {
        output.put(s, c, chunk(s, c, 1000), 1000);
      }
    }
    assertThat(newSpillDirs(spillDirsBefore)).hasSize(1);
    output.close(); // shard 0 never came: abandoned
    assertThat(newSpillDirs(spillDirsBefore)).isEmpty();
    assertThat(out.size()).isZero();
    assertThat(output.complete()).isFalse();
  }

  @Test
  void aRepeatedChunkFromARetriedShardIsDropped() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 2, 1 << 20)) {
      // shard 1 (not current: buffered) fails after two chunks and is retried from the start
      output.put(1, 0, chunk(1, 0, 30), 30);
      output.put(1, 1, chunk(1, 1, 40), 40);
      output.put(1, 0, new byte[] {'X', 'X'}, 2);
      output.put(1, 1, new byte[] {'Y'}, 1);
      output.put(1, 2, chunk(1, 2, 50), 50);
      output.finish(1);
      // shard 0 (current: written at once) likewise
      output.put(0, 0, chunk(0, 0, 10), 10);
      output.put(0, 0, new byte[] {'Z'}, 1);
      output.put(0, 1, chunk(0, 1, 20), 20);
      output.put(0, 1, new byte[] {'W'}, 1);
      output.put(0, 0, new byte[] {'V'}, 1);
      assertThat(output.written()).isEqualTo(30);
      output.finish(0);
      assertThat(output.complete()).isTrue();
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{10, 20}, {30, 40, 50}}));
      assertThat(output.written()).isEqualTo(150);
      // a chunk repeated after its shard finished (a speculative copy) is dropped too
      output.put(1, 2, new byte[] {'U'}, 1);
      output.put(0, 0, new byte[] {'U'}, 1);
      assertThat(out.size()).isEqualTo(150);
    }
  }

  @Test
  void aChunkOutOfOrderIsRejected() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 2, 1 << 20)) {
      assertThatThrownBy(() -> output.put(0, 1, new byte[] {1}, 1))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("chunk 1 of shard 0 out of order");
      assertThatThrownBy(() -> output.put(1, 5, new byte[] {1}, 1))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("out of order");
      output.put(1, 0, chunk(1, 0, 3), 3);
      assertThatThrownBy(() -> output.put(1, 2, new byte[] {1}, 1)).isInstanceOf(IllegalStateException.class);
      output.finish(1);
      // nothing more after finish
      assertThatThrownBy(() -> output.put(1, 1, new byte[] {1}, 1))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("chunk 1 of shard 1 out of order");
      // the rejected chunks left no trace
      output.put(0, 0, chunk(0, 0, 4), 4);
      output.finish(0);
      assertThat(output.complete()).isTrue();
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{4}, {3}}));
    }
  }

  @Test
  void onlyTheFirstLengthBytesOfAChunkAreTaken() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 2, 0)) {
      byte[] spilled = "spilled-and-garbage".getBytes(StandardCharsets.US_ASCII);
      output.put(1, 0, spilled, 7);
      byte[] direct = "direct+garbage".getBytes(StandardCharsets.US_ASCII);
      output.put(0, 0, direct, 6);
      output.put(0, 1, new byte[0], 0);
      output.finish(0);
      output.finish(1);
      assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("directspilled");
      assertThat(output.written()).isEqualTo(13);
    }
  }

  @Test
  void shardsWithoutChunksAndAnOutputOfNoShards() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 3, 10)) {
      output.finish(2);
      output.finish(0);
      assertThat(output.complete()).isFalse();
      output.finish(1);
      assertThat(output.complete()).isTrue();
      assertThat(output.written()).isZero();
    }
    try (InOrderOutput none = new InOrderOutput(out, 0, 10)) {
      assertThat(none.complete()).isTrue();
    }
    assertThat(out.size()).isZero();
  }

  /** Fails on the {@code failAt}-th write call (0-based), and counts the calls after. */
  static final class FailingStream extends OutputStream {
    final int failAt;
    final boolean runtime;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int calls;
    int callsAfterFailure;

    FailingStream(int failAt, boolean runtime) {
      this.failAt = failAt;
      this.runtime = runtime;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) throws IOException {
      if (calls > failAt) {
        callsAfterFailure++;
      }
      if (calls++ == failAt) {
        if (runtime) {
          throw new IllegalStateException("disk on fire");
        }
        throw new IOException("disk full");
      }
      bytes.write(b, off, len);
    }
  }

  @Test
  void aFailingStreamMakesLaterCallsThrowAndCloseStillReturns() throws Exception {
    FailingStream out = new FailingStream(1, false);
    InOrderOutput output = new InOrderOutput(out, 3, 1 << 20);
    output.put(1, 0, chunk(1, 0, 5), 5); // queued
    output.put(0, 0, chunk(0, 0, 10), 10); // written
    assertThatThrownBy(() -> output.put(0, 1, chunk(0, 1, 10), 10)) // the writer's own put fails
        .isInstanceOf(IOException.class).hasMessage("disk full");
    assertThatThrownBy(() -> output.put(0, 2, chunk(0, 2, 10), 10))
        .isInstanceOf(IOException.class).hasMessageContaining("disk full");
    assertThatThrownBy(() -> output.put(2, 0, chunk(2, 0, 10), 10)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> output.finish(0)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> output.finish(1)).isInstanceOf(IOException.class);
    assertThat(output.complete()).isFalse();
    assertThat(output.written()).isEqualTo(10);
    output.close();
    assertThat(out.callsAfterFailure).isZero();
    assertThat(out.bytes.toByteArray()).isEqualTo(chunk(0, 0, 10));
  }

  @Test
  void aFailureWhileFinishingOrFromASpillIsReportedToo() throws Exception {
    // the failure hits while finish() drains later shards' chunks, one of them spilled
    FailingStream out = new FailingStream(2, false);
    InOrderOutput output = new InOrderOutput(out, 3, 0);
    output.put(1, 0, chunk(1, 0, 100), 100);
    output.put(2, 0, chunk(2, 0, 100), 100);
    output.finish(1);
    output.finish(2);
    output.put(0, 0, chunk(0, 0, 10), 10);
    assertThatThrownBy(() -> output.finish(0)).isInstanceOf(IOException.class).hasMessage("disk full");
    assertThatThrownBy(() -> output.put(0, 1, new byte[1], 1)).isInstanceOf(IOException.class);
    assertThat(output.complete()).isFalse();
    output.close();
    assertThat(out.callsAfterFailure).isZero();
  }

  @Test
  void aRuntimeExceptionFromTheStreamIsAFailureToo() throws Exception {
    FailingStream out = new FailingStream(0, true);
    InOrderOutput output = new InOrderOutput(out, 1, 1 << 20);
    assertThatThrownBy(() -> output.put(0, 0, new byte[3], 3)).isInstanceOf(IllegalStateException.class)
        .hasMessage("disk on fire");
    assertThatThrownBy(() -> output.put(0, 1, new byte[3], 3)).isInstanceOf(IOException.class)
        .hasMessageContaining("disk on fire");
    assertThatThrownBy(() -> output.finish(0)).isInstanceOf(IOException.class);
    output.close();
    assertThat(out.callsAfterFailure).isZero();
  }

  @Test
  void afterCloseEveryCallFailsAndNothingMoreIsWritten() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InOrderOutput output = new InOrderOutput(out, 2, 1 << 20);
    output.put(0, 0, chunk(0, 0, 10), 10);
    output.put(1, 0, chunk(1, 0, 10), 10);
    output.close();
    assertThatThrownBy(() -> output.put(0, 1, chunk(0, 1, 10), 10))
        .isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> output.finish(0)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> output.put(1, 1, chunk(1, 1, 10), 10)).isInstanceOf(IOException.class);
    // even a repeat of an accepted chunk is refused once closed
    assertThatThrownBy(() -> output.put(0, 0, chunk(0, 0, 10), 10)).isInstanceOf(IOException.class);
    assertThat(out.toByteArray()).isEqualTo(chunk(0, 0, 10));
    assertThat(output.written()).isEqualTo(10);
    assertThat(output.complete()).isFalse();
  }

  @Test
  void closeWaitsForTheWriteUnderWayAndThenStopsTheWriter() throws Exception {
    CountDownLatch inWrite = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    OutputStream slow = new OutputStream() {
      @Override
      public void write(int b) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void write(byte[] b, int off, int len) {
        inWrite.countDown();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        bytes.write(b, off, len);
      }
    };
    InOrderOutput output = new InOrderOutput(slow, 1, 1 << 20);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> writer = pool.submit(() -> {
        output.put(0, 0, chunk(0, 0, 10), 10); // becomes the writer and blocks in write
        return null;
      });
      assertThat(inWrite.await(10, TimeUnit.SECONDS)).isTrue();
      output.put(0, 1, chunk(0, 1, 10), 10); // queued behind the write under way
      Future<?> closing = pool.submit(output::close);
      Thread.sleep(200);
      assertThat(closing.isDone()).as("close waits for the write under way").isFalse();
      release.countDown();
      closing.get(10, TimeUnit.SECONDS);
      writer.get(10, TimeUnit.SECONDS);
      assertThat(bytes.toByteArray()).as("the queued chunk is never written").isEqualTo(chunk(0, 0, 10));
      assertThat(output.written()).isEqualTo(10);
      assertThatThrownBy(() -> output.finish(0)).isInstanceOf(IOException.class);
    } finally {
      release.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void writtenCountsTheBytesAsTheyGoOut() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 2, 15)) {
      assertThat(output.written()).isZero();
      output.put(1, 0, chunk(1, 0, 10), 10); // memory
      output.put(1, 1, chunk(1, 1, 10), 10); // spilled (over budget)
      assertThat(output.written()).isZero();
      output.put(0, 0, chunk(0, 0, 7), 7);
      assertThat(output.written()).isEqualTo(7).isEqualTo(out.size());
      output.put(0, 1, chunk(0, 1, 9), 9);
      assertThat(output.written()).isEqualTo(16).isEqualTo(out.size());
      output.finish(0);
      assertThat(output.written()).isEqualTo(36).isEqualTo(out.size());
      output.put(1, 2, chunk(1, 2, 4), 4);
      assertThat(output.written()).isEqualTo(40).isEqualTo(out.size());
      output.finish(1);
      assertThat(output.written()).isEqualTo(40);
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{7, 9}, {10, 10, 4}}));
    }
  }

  @Test
  void theMemoryBudgetIsReusedOnceBufferedChunksAreWritten() throws Exception {
    // with a budget of 100, shard 2's chunks fill the memory, so shard 1's go to a file; once they
    // are written the budget is free again, and a later shard's chunk stays in memory
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 5, 100)) {
      output.put(2, 0, chunk(2, 0, 60), 60);
      output.put(2, 1, chunk(2, 1, 40), 40);
      output.put(1, 0, chunk(1, 0, 1), 1);
      Set<Path> dirs = newSpillDirs(spillDirsBefore);
      assertThat(dirs).hasSize(1);
      Path dir = dirs.iterator().next();
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString())).containsExactly("shard-1");
      }
      output.finish(0);
      output.finish(1);
      output.finish(2);
      assertThat(output.written()).isEqualTo(101);
      // shard 3 is current; shard 4 is later, and 100 bytes fit the freed budget
      output.put(4, 0, chunk(4, 0, 100), 100);
      try (var files = Files.list(dir)) {
        assertThat(files.toList()).as("nothing spilled once the budget is free").isEmpty();
      }
      output.put(3, 0, chunk(3, 0, 100), 100);
      output.finish(3);
      output.finish(4);
      assertThat(output.complete()).isTrue();
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{}, {1}, {60, 40}, {100}, {100}}));
    }
  }

  @Test
  void aChunkThatCouldNotBeSpilledIsNotLostWhenItsShardIsRetried() throws Exception {
    // A chunk whose spill fails (disk full, a temporary folder cleaned away) fails its put, so the
    // engine retries the shard, which makes the same chunks again. The output must then either take
    // the chunk from the retry, or fail for good; it must never complete without it.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InOrderOutput output = new InOrderOutput(out, 3, 0);
    try {
      output.put(1, 0, chunk(1, 0, 10), 10); // spilled: makes the folder
      Set<Path> dirs = newSpillDirs(spillDirsBefore);
      assertThat(dirs).hasSize(1);
      Path dir = dirs.iterator().next();
      try (var files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.delete(f); // the open channel of shard 1 stays readable
        }
      }
      Files.delete(dir);
      assertThatThrownBy(() -> output.put(2, 0, chunk(2, 0, 10), 10)).isInstanceOf(IOException.class);
      boolean failed = false;
      try {
        // the retry of shard 2, then the rest of the run
        output.put(2, 0, chunk(2, 0, 10), 10);
        output.finish(2);
        output.finish(1);
        output.put(0, 0, chunk(0, 0, 10), 10);
        output.finish(0);
      } catch (IOException e) {
        failed = true;
      }
      if (!failed && output.complete()) {
        // as text: "[0:0]...[1:0]...[2:0]..." (each chunk starts with its tag)
        assertThat(out.toString(StandardCharsets.ISO_8859_1)).as("a complete output holds every chunk")
            .isEqualTo(new String(expected(new int[][] {{10}, {10}, {10}}), StandardCharsets.ISO_8859_1));
      }
    } finally {
      output.close();
    }
  }
}
