package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link InOrderOutput}: workers put chunks concurrently and out of order and never wait; one
 * thread, in {@code writeUntilDone}, writes them in shard and chunk order, through memory or spill
 * files; retried chunks are dropped; a failing stream stops the writer, and close stops everything.
 */
@Timeout(value = 5, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class InOrderOutputTest {

  private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

  private Set<Path> spillDirsBefore;
  private final List<ExecutorService> pools = new ArrayList<>();

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

  /** The one spill folder this test made. */
  Path theSpillDir() throws IOException {
    Set<Path> dirs = newSpillDirs(spillDirsBefore);
    assertThat(dirs).as("spill folders").hasSize(1);
    return dirs.iterator().next();
  }

  static List<String> filesIn(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  static long bytesIn(Path dir) throws IOException {
    try (var files = Files.list(dir)) {
      long total = 0;
      for (Path f : (Iterable<Path>) files::iterator) {
        total += Files.size(f);
      }
      return total;
    }
  }

  @BeforeEach
  void rememberSpillDirs() throws IOException {
    spillDirsBefore = spillDirs();
  }

  @AfterEach
  void stopThreadsAndCheckNoSpillDirLeft() throws Exception {
    for (ExecutorService pool : pools) {
      pool.shutdownNow();
    }
    for (ExecutorService pool : pools) {
      assertThat(pool.awaitTermination(2, TimeUnit.SECONDS)).as("test threads stopped").isTrue();
    }
    assertThat(newSpillDirs(spillDirsBefore)).as("spill folders left behind").isEmpty();
  }

  /** A pool of daemon threads, stopped after the test. */
  ExecutorService pool(int threads) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "in-order-output-test");
      t.setDaemon(true);
      return t;
    });
    pools.add(pool);
    return pool;
  }

  /** Runs {@code writeUntilDone} on a thread of its own. */
  Future<Boolean> startWriter(InOrderOutput output, BooleanSupplier stop, long checkMillis) {
    return pool(1).submit(() -> output.writeUntilDone(stop, checkMillis));
  }

  /** Writes what is ready now, in order, and returns whether every shard is written. */
  static boolean writeReady(InOrderOutput output) throws IOException {
    return output.writeUntilDone(() -> true, 1);
  }

  /** A stop condition that ends the wait after {@code millis}, so a missing chunk fails rather than hangs. */
  static BooleanSupplier giveUpAfter(long millis) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    return () -> System.nanoTime() - deadline > 0;
  }

  /** Waits (boundedly) until {@code condition} holds. */
  static void awaitTrue(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime() - deadline).as("timed out waiting for " + what).isNegative();
      Thread.sleep(1);
    }
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

  /** Chunk lengths per shard and seq, with some empty shards and some tiny chunks. */
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

  static int[][] uniform(int shards, int chunks, int length) {
    int[][] lengths = new int[shards][chunks];
    for (int[] l : lengths) {
      Arrays.fill(l, length);
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

  /** A stream that checks no two threads write at once and that only one thread writes at all. */
  static final class CheckedStream extends OutputStream {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final AtomicInteger inside = new AtomicInteger();
    final Set<Thread> writers = Collections.synchronizedSet(new java.util.HashSet<>());
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
      writers.add(Thread.currentThread());
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

  /** Blocks the {@code blockAt}-th write call (0-based) until {@link #release} is counted down. */
  static final class BlockingStream extends OutputStream {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final int blockAt;
    private int calls;

    BlockingStream(int blockAt) {
      this.blockAt = blockAt;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (calls++ == blockAt) {
        entered.countDown();
        try {
          if (!release.await(5, TimeUnit.SECONDS)) {
            throw new IOException("never released");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted in write");
        }
      }
      synchronized (bytes) {
        bytes.write(b, off, len);
      }
    }

    byte[] toByteArray() {
      synchronized (bytes) {
        return bytes.toByteArray();
      }
    }
  }

  /**
   * Puts every shard's chunks from producer threads (one per shard, started in reverse order, with
   * random pauses, or a pool of fewer threads taking shards in a shuffled order) while this thread
   * writes, as the engine's runner and the caller do; returns what {@code writeUntilDone} returned,
   * asking it to stop once every producer ended.
   */
  static boolean runShards(InOrderOutput output, int[][] lengths, int threads, long seed) throws Exception {
    List<Integer> order = new ArrayList<>();
    for (int s = lengths.length - 1; s >= 0; s--) {
      order.add(s);
    }
    if (threads < lengths.length) {
      Collections.shuffle(order, new java.util.Random(seed));
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CyclicBarrier start = new CyclicBarrier(Math.max(1, Math.min(threads, lengths.length)));
    CountDownLatch ended = new CountDownLatch(lengths.length);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int s : order) {
        done.add(pool.submit(() -> {
          try {
            SplittableRandom r = new SplittableRandom(seed * 1000 + s);
            if (threads >= lengths.length) {
              start.await(2, TimeUnit.SECONDS);
            }
            for (int c = 0; c < lengths[s].length; c++) {
              if (r.nextInt(4) == 0) {
                Thread.sleep(0, r.nextInt(100_000));
              }
              byte[] data = output.buffer(lengths[s][c]);
              System.arraycopy(chunk(s, c, lengths[s][c]), 0, data, 0, lengths[s][c]);
              output.put(s, c, data, lengths[s][c]);
            }
            output.finish(s);
            return null;
          } finally {
            ended.countDown();
            output.wake();
          }
        }));
      }
      BooleanSupplier late = giveUpAfter(3000);
      boolean complete = output.writeUntilDone(() -> ended.getCount() == 0 || late.getAsBoolean(), 20);
      for (Future<?> f : done) {
        f.get(2, TimeUnit.SECONDS);
      }
      return complete;
    } finally {
      pool.shutdownNow();
    }
  }

  // ---------------------------------------------------------------- order and spills

  @Test
  void chunksPutOutOfOrderFromManyThreadsComeOutInOrderOnTheWritingThread() throws Exception {
    for (long seed = 1; seed <= 20; seed++) {
      int shards = 1 + (int) (seed % 12);
      int[][] lengths = plan(shards, 12, 3000, seed);
      CheckedStream out = new CheckedStream();
      try (InOrderOutput output = new InOrderOutput(out, shards, 64L << 20)) {
        assertThat(runShards(output, lengths, seed % 2 == 0 ? shards : 3, seed)).as("seed " + seed).isTrue();
        byte[] expected = expected(lengths);
        assertThat(out.toByteArray()).as("seed " + seed).isEqualTo(expected);
        assertThat(output.written()).isEqualTo(expected.length);
      }
      assertThat(out.overlapped).as("two threads wrote at once").isFalse();
      assertThat(out.writers).as("only the thread in writeUntilDone writes").containsOnly(Thread.currentThread());
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
          assertThat(runShards(output, lengths, shards, seed)).isTrue();
          byte[] expected = expected(lengths);
          assertThat(out.toByteArray()).as("budget " + budget + ", seed " + seed).isEqualTo(expected);
          assertThat(output.written()).isEqualTo(expected.length);
          if (budget <= 1) {
            // every chunk of more than a byte went through a file; a written shard's file is gone
            assertThat(filesIn(theSpillDir())).as("spill files of written shards").isEmpty();
          }
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
    output.put(2, 0, big, big.length); // spilled
    output.put(2, 1, chunk(2, 1, 50), 50); // memory
    output.finish(2);
    output.put(1, 0, chunk(1, 0, 80), 80); // spilled
    output.put(1, 1, chunk(1, 1, 70_000), 70_000); // spilled
    assertThat(writeReady(output)).isFalse();
    assertThat(out.size()).isZero();
    assertThat(output.written()).isZero();
    Path dir = theSpillDir();
    assertThat(filesIn(dir)).containsExactly("shard-1", "shard-2");
    // the budget holds for the current shard too: its chunk goes out through a file
    byte[] first = chunk(0, 0, 10_000);
    output.put(0, 0, first, first.length);
    assertThat(filesIn(dir)).containsExactly("shard-0", "shard-1", "shard-2");
    assertThat(writeReady(output)).isFalse();
    assertThat(out.toByteArray()).isEqualTo(first);
    assertThat(output.written()).isEqualTo(10_000);
    output.finish(0);
    // shard 1 is written up to what it has; shard 2 waits until 1 is finished
    assertThat(writeReady(output)).isFalse();
    assertThat(output.written()).isEqualTo(10_000 + 80 + 70_000);
    assertThat(filesIn(dir)).as("shard 0 written: its file is deleted").containsExactly("shard-1", "shard-2");
    output.put(1, 2, chunk(1, 2, 5), 5);
    output.finish(1);
    assertThat(writeReady(output)).isTrue();
    byte[] expected = expected(new int[][] {{10_000}, {80, 70_000, 5}, {3 << 20, 50}});
    assertThat(out.toByteArray()).isEqualTo(expected);
    assertThat(output.written()).isEqualTo(expected.length);
    assertThat(filesIn(dir)).as("spill files of written shards are deleted").isEmpty();
    assertThat(writeReady(output)).as("done stays done").isTrue();
    output.close();
    assertThat(output.isClosed()).isTrue();
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
      output.finish(s);
    }
    assertThat(filesIn(theSpillDir())).containsExactly("shard-1", "shard-2", "shard-3");
    assertThat(writeReady(output)).isFalse();
    assertThat(output.isClosed()).isFalse();
    output.close(); // shard 0 never came: abandoned
    assertThat(output.isClosed()).isTrue();
    assertThat(newSpillDirs(spillDirsBefore)).isEmpty();
    assertThat(out.size()).isZero();
    assertThatThrownBy(() -> writeReady(output)).isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  @Test
  void producersNeverWaitWithNoWriterRunningAndMemoryStaysWithinTheBudget() throws Exception {
    int shards = 4;
    int[][] lengths = uniform(shards, 50, 16 << 10); // 3.2 MB put, nobody writing
    long budget = 64 << 10;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InOrderOutput output = new InOrderOutput(out, shards, budget);
    try {
      ExecutorService producers = pool(shards);
      List<Future<?>> done = new ArrayList<>();
      for (int s = shards - 1; s >= 0; s--) {
        int shard = s;
        done.add(producers.submit(() -> {
          for (int c = 0; c < lengths[shard].length; c++) {
            output.put(shard, c, chunk(shard, c, lengths[shard][c]), lengths[shard][c]);
          }
          output.finish(shard);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.SECONDS); // a put that waited for a writer would time out here
      }
      assertThat(output.written()).isZero();
      assertThat(out.size()).isZero();
      Path dir = theSpillDir();
      assertThat(filesIn(dir)).containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
      long total = expected(lengths).length;
      assertThat(bytesIn(dir)).as("all but the budget is in files").isGreaterThanOrEqualTo(total - budget);
      assertThat(output.writeUntilDone(giveUpAfter(3000), 20)).isTrue();
      assertThat(out.toByteArray()).isEqualTo(expected(lengths));
      assertThat(output.written()).isEqualTo(total);
      assertThat(filesIn(dir)).isEmpty();
    } finally {
      output.close();
    }
  }

  @Test
  void aStuckWriterDoesNotHoldUpProducers() throws Exception {
    int shards = 4;
    int[][] lengths = uniform(shards, 40, 4000);
    BlockingStream out = new BlockingStream(0);
    InOrderOutput output = new InOrderOutput(out, shards, 10_000);
    try {
      output.put(0, 0, chunk(0, 0, 4000), 4000);
      Future<Boolean> writer = startWriter(output, giveUpAfter(4000), 20);
      assertThat(out.entered.await(2, TimeUnit.SECONDS)).as("the writer is in write").isTrue();
      // producers on other threads put everything (shard 0 from its second chunk) while the writer is stuck
      ExecutorService producers = pool(shards);
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < shards; s++) {
        int shard = s;
        done.add(producers.submit(() -> {
          for (int c = shard == 0 ? 1 : 0; c < lengths[shard].length; c++) {
            output.put(shard, c, chunk(shard, c, lengths[shard][c]), lengths[shard][c]);
          }
          output.finish(shard);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.SECONDS);
      }
      assertThat(writer.isDone()).as("the writer is still stuck").isFalse();
      assertThat(output.written()).as("written() does not wait for the write under way either").isZero();
      assertThat(filesIn(theSpillDir())).as("what did not fit the budget went to files")
          .containsExactly("shard-0", "shard-1", "shard-2", "shard-3");
      out.release.countDown();
      assertThat(writer.get(3, TimeUnit.SECONDS)).isTrue();
      assertThat(out.toByteArray()).isEqualTo(expected(lengths));
      assertThat(output.written()).isEqualTo(expected(lengths).length);
    } finally {
      out.release.countDown();
      output.close();
    }
  }

  @Test
  void theMemoryBudgetCountsQueuedChunksOfAnyShardAndIsReusedOnceTheyAreWritten() throws Exception {
    // with a budget of 100, shard 2's chunks fill the memory, so shard 1's go to a file; once they
    // are written the budget is free again, and a later shard's chunk stays in memory
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 5, 100)) {
      output.put(2, 0, chunk(2, 0, 60), 60);
      output.put(2, 1, chunk(2, 1, 40), 40);
      assertThat(newSpillDirs(spillDirsBefore)).as("100 bytes fit").isEmpty();
      output.put(1, 0, chunk(1, 0, 1), 1);
      Path dir = theSpillDir();
      assertThat(filesIn(dir)).containsExactly("shard-1");
      output.finish(0);
      output.finish(1);
      output.finish(2);
      assertThat(writeReady(output)).isFalse();
      assertThat(output.written()).isEqualTo(101);
      assertThat(filesIn(dir)).isEmpty();
      // shard 3 is current; shard 4 is later, and 100 bytes fit the freed budget
      output.put(4, 0, chunk(4, 0, 100), 100);
      assertThat(filesIn(dir)).as("nothing spilled once the budget is free").isEmpty();
      output.put(3, 0, chunk(3, 0, 100), 100);
      assertThat(filesIn(dir)).as("the budget is taken, by any shard").containsExactly("shard-3");
      output.finish(3);
      output.finish(4);
      assertThat(writeReady(output)).isTrue();
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{}, {1}, {60, 40}, {100}, {100}}));
    }
  }

  @Test
  void aShortChunkIsKeptAtItsOwnSizeAndBuffersAreRecycled() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 3, 100)) {
      // 10 bytes of a 1000-byte buffer count as 10: no spill
      byte[] shortOne = output.buffer(1000);
      assertThat(shortOne.length).isGreaterThanOrEqualTo(1000);
      System.arraycopy(chunk(1, 0, 10), 0, shortOne, 0, 10);
      output.put(1, 0, shortOne, 10);
      assertThat(newSpillDirs(spillDirsBefore)).as("a short chunk counts its length").isEmpty();
      // its buffer was copied from, so it is handed out again at once; writing into it changes nothing
      assertThat(output.buffer(500)).isSameAs(shortOne);
      Arrays.fill(shortOne, (byte) 'X');
      // a spilled chunk's buffer is handed out again at once too
      byte[] spilled = chunk(2, 0, 200);
      output.put(2, 0, spilled, 200);
      assertThat(filesIn(theSpillDir())).containsExactly("shard-2");
      assertThat(output.buffer(150)).isSameAs(spilled);
      Arrays.fill(spilled, (byte) 'Y');
      // a chunk kept in memory whole: its buffer comes back only once written
      byte[] whole = new byte[100];
      System.arraycopy(chunk(0, 0, 80), 0, whole, 0, 80);
      output.put(0, 0, whole, 80);
      byte[] other = output.buffer(100);
      assertThat(other).isNotSameAs(whole);
      assertThat(writeReady(output)).isFalse();
      assertThat(output.buffer(100)).isSameAs(whole);
      output.finish(0);
      output.finish(1);
      output.finish(2);
      assertThat(writeReady(output)).isTrue();
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{80}, {10}, {200}}));
    }
  }

  // ---------------------------------------------------------------- sequence numbers

  @Test
  void aRepeatedChunkFromARetriedShardIsDropped() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 2, 1 << 20)) {
      // shard 1 (not current: queued) fails after two chunks and is retried from the start
      output.put(1, 0, chunk(1, 0, 30), 30);
      output.put(1, 1, chunk(1, 1, 40), 40);
      output.put(1, 0, new byte[] {'X', 'X'}, 2);
      output.put(1, 1, new byte[] {'Y'}, 1);
      output.put(1, 2, chunk(1, 2, 50), 50);
      output.finish(1);
      // shard 0 (current: written as it comes) likewise
      output.put(0, 0, chunk(0, 0, 10), 10);
      assertThat(writeReady(output)).isFalse();
      output.put(0, 0, new byte[] {'Z'}, 1);
      output.put(0, 1, chunk(0, 1, 20), 20);
      output.put(0, 1, new byte[] {'W'}, 1);
      output.put(0, 0, new byte[] {'V'}, 1);
      assertThat(writeReady(output)).isFalse();
      assertThat(output.written()).isEqualTo(30);
      output.finish(0);
      assertThat(writeReady(output)).isTrue();
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{10, 20}, {30, 40, 50}}));
      assertThat(output.written()).isEqualTo(150);
      // a chunk repeated after its shard finished (a speculative copy) is dropped too
      output.put(1, 2, new byte[] {'U'}, 1);
      output.put(0, 0, new byte[] {'U'}, 1);
      assertThat(writeReady(output)).isTrue();
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
      assertThat(writeReady(output)).isTrue();
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{4}, {3}}));
    }
  }

  @Test
  void aChunkThatCouldNotBeSpilledIsNotAcceptedSoItsRetryIsTaken() throws Exception {
    // A chunk whose spill fails (disk full, a temporary folder cleaned away) fails its put, so the
    // engine retries the shard, which makes the same chunks again: the retry's chunk must be taken,
    // not dropped as a repeat, and the output must never complete without it.
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InOrderOutput output = new InOrderOutput(out, 3, 0);
    try {
      output.put(1, 0, chunk(1, 0, 10), 10); // spilled: makes the folder
      Path dir = theSpillDir();
      for (String f : filesIn(dir)) {
        Files.delete(dir.resolve(f)); // the open channel of shard 1 stays readable
      }
      Files.delete(dir);
      assertThatThrownBy(() -> output.put(2, 0, chunk(2, 0, 10), 10)).isInstanceOf(IOException.class);
      assertThatThrownBy(() -> output.put(2, 1, chunk(2, 1, 10), 10))
          .as("the failed chunk was not accepted").isInstanceOf(IllegalStateException.class);
      Files.createDirectory(dir); // the disk has room again
      output.put(2, 0, chunk(2, 0, 10), 10); // the retry
      output.finish(2);
      output.finish(1);
      output.put(0, 0, chunk(0, 0, 10), 10);
      output.finish(0);
      assertThat(writeReady(output)).isTrue();
      // as text: "[0:0]...[1:0]...[2:0]..." (each chunk starts with its tag)
      assertThat(out.toString(StandardCharsets.ISO_8859_1)).as("a complete output holds every chunk")
          .isEqualTo(new String(expected(new int[][] {{10}, {10}, {10}}), StandardCharsets.ISO_8859_1));
    } finally {
      output.close();
    }
  }

  @Test
  void onlyTheFirstLengthBytesOfAChunkAreTaken() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 2, 8)) {
      byte[] direct = "direct+garbage".getBytes(StandardCharsets.US_ASCII);
      output.put(0, 0, direct, 6); // memory, copied (short)
      byte[] whole = "ab??".getBytes(StandardCharsets.US_ASCII);
      output.put(0, 1, whole, 2); // memory, kept whole
      output.put(0, 2, new byte[0], 0);
      byte[] spilled = "spilled-and-garbage".getBytes(StandardCharsets.US_ASCII);
      output.put(1, 0, spilled, 7); // over the budget: spilled
      assertThat(filesIn(theSpillDir())).containsExactly("shard-1");
      output.finish(0);
      output.finish(1);
      assertThat(writeReady(output)).isTrue();
      assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("directabspilled");
      assertThat(output.written()).isEqualTo(15);
    }
  }

  // ---------------------------------------------------------------- writeUntilDone's ends

  @Test
  void shardsWithoutChunksAndAnOutputOfNoShards() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 3, 10)) {
      output.finish(2);
      output.finish(0);
      assertThat(writeReady(output)).isFalse();
      output.finish(1);
      assertThat(writeReady(output)).isTrue();
      assertThat(output.written()).isZero();
    }
    try (InOrderOutput none = new InOrderOutput(out, 0, 10)) {
      // at once, though it would wait a minute and never be told to stop
      assertThat(assertTimeoutPreemptively(Duration.ofSeconds(1), () -> none.writeUntilDone(() -> false, 60_000)))
          .isTrue();
    }
    assertThat(out.size()).isZero();
  }

  @Test
  void stopEndsTheWriteWhenNothingIsReadyAndWakeMakesItLookPromptly() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 3, 1 << 20)) {
      output.put(1, 0, chunk(1, 0, 20), 20);
      output.finish(1);
      output.put(0, 0, chunk(0, 0, 10), 10);
      // what is ready in order goes out before stop is asked; shard 1 waits behind unfinished shard 0
      assertThat(writeReady(output)).isFalse();
      assertThat(out.toByteArray()).isEqualTo(chunk(0, 0, 10));

      // waiting with a long check interval: wake() makes it look at stop at once
      AtomicBoolean stop = new AtomicBoolean();
      AtomicInteger asked = new AtomicInteger();
      Future<Boolean> writer = startWriter(output, () -> {
        asked.incrementAndGet();
        return stop.get();
      }, 60_000);
      awaitTrue("the writer to ask stop", () -> asked.get() > 0);
      stop.set(true);
      long t0 = System.nanoTime();
      output.wake();
      assertThat(writer.get(1, TimeUnit.SECONDS)).isFalse();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0)).isLessThan(1000);

      // without wake(), stop is asked again every checkMillis
      AtomicBoolean stop2 = new AtomicBoolean();
      AtomicInteger asked2 = new AtomicInteger();
      Future<Boolean> writer2 = startWriter(output, () -> {
        asked2.incrementAndGet();
        return stop2.get();
      }, 20);
      awaitTrue("the second writer to ask stop", () -> asked2.get() > 0);
      stop2.set(true);
      assertThat(writer2.get(1, TimeUnit.SECONDS)).isFalse();

      // a put or finish wakes a waiting writer too, and it goes on until everything is written
      Future<Boolean> writer3 = startWriter(output, () -> false, 60_000);
      output.put(0, 1, chunk(0, 1, 5), 5);
      awaitTrue("the new chunk to be written", () -> output.written() == 15);
      output.finish(0);
      awaitTrue("shard 1 to be written", () -> output.written() == 35);
      output.put(2, 0, chunk(2, 0, 7), 7);
      output.finish(2);
      assertThat(writer3.get(1, TimeUnit.SECONDS)).isTrue();
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{10, 5}, {20}, {7}}));
      assertThat(writeReady(output)).as("a complete output is done even when told to stop").isTrue();
    }
  }

  @Test
  void aShardThatNeverFinishesEndsTheWriteWithFalseOnceTheRunEnds() throws Exception {
    // as TableWriter runs it: stop is "the run ended", and the runner wakes the writer when it does;
    // a cancelled shard throws instead of finishing
    int shards = 4;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, shards, 0)) {
      CountDownLatch ended = new CountDownLatch(shards);
      ExecutorService producers = pool(shards);
      List<Future<?>> done = new ArrayList<>();
      for (int s = 0; s < shards; s++) {
        int shard = s;
        done.add(producers.submit(() -> {
          try {
            output.put(shard, 0, chunk(shard, 0, 100), 100);
            if (shard == 2) {
              throw new CancellationException("stopped after a chunk");
            }
            output.put(shard, 1, chunk(shard, 1, 100), 100);
            output.finish(shard);
            return null;
          } finally {
            ended.countDown();
            output.wake();
          }
        }));
      }
      boolean complete = assertTimeoutPreemptively(Duration.ofSeconds(2),
          () -> output.writeUntilDone(() -> ended.getCount() == 0, 60_000));
      assertThat(complete).isFalse();
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{100, 100}, {100, 100}, {100}}));
      assertThat(done.get(2)).failsWithin(Duration.ofSeconds(1));
    }
  }

  @Test
  void anInterruptedWriterStopsWaitingWithInterruptedIOException() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 1, 1 << 20)) {
      AtomicBoolean keptFlag = new AtomicBoolean();
      AtomicInteger asked = new AtomicInteger();
      Thread[] writerThread = new Thread[1];
      Future<Boolean> writer = pool(1).submit(() -> {
        writerThread[0] = Thread.currentThread();
        try {
          return output.writeUntilDone(() -> asked.incrementAndGet() < 0, 60_000);
        } finally {
          keptFlag.set(Thread.currentThread().isInterrupted());
        }
      });
      awaitTrue("the writer to wait", () -> asked.get() > 0);
      writerThread[0].interrupt();
      assertThatThrownBy(() -> writer.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(InterruptedIOException.class);
      assertThat(keptFlag).as("the interrupt is kept").isTrue();
    }
  }

  // ---------------------------------------------------------------- written()

  @Test
  void writtenCountsTheBytesAsTheyGoOut() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (InOrderOutput output = new InOrderOutput(out, 2, 15)) {
      assertThat(output.written()).isZero();
      output.put(1, 0, chunk(1, 0, 10), 10); // memory
      output.put(1, 1, chunk(1, 1, 10), 10); // spilled (over budget)
      assertThat(writeReady(output)).isFalse();
      assertThat(output.written()).isZero();
      output.put(0, 0, chunk(0, 0, 7), 7); // spilled (over budget)
      assertThat(output.written()).as("nothing is written until the writer writes").isZero();
      assertThat(writeReady(output)).isFalse();
      assertThat(output.written()).isEqualTo(7).isEqualTo(out.size());
      output.put(0, 1, chunk(0, 1, 9), 9);
      assertThat(writeReady(output)).isFalse();
      assertThat(output.written()).isEqualTo(16).isEqualTo(out.size());
      output.finish(0);
      assertThat(writeReady(output)).isFalse();
      assertThat(output.written()).isEqualTo(36).isEqualTo(out.size());
      output.put(1, 2, chunk(1, 2, 4), 4);
      assertThat(writeReady(output)).isFalse();
      assertThat(output.written()).isEqualTo(40).isEqualTo(out.size());
      output.finish(1);
      assertThat(writeReady(output)).isTrue();
      assertThat(output.written()).isEqualTo(40);
      assertThat(out.toByteArray()).isEqualTo(expected(new int[][] {{7, 9}, {10, 10, 4}}));
    }
  }

  // ---------------------------------------------------------------- a failing stream, close

  /** Throws {@code failure} on the {@code failAt}-th write call (0-based), and counts the calls after. */
  static final class FailingStream extends OutputStream {
    final int failAt;
    final Throwable failure;
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int calls;
    int callsAfterFailure;

    FailingStream(int failAt, Throwable failure) {
      this.failAt = failAt;
      this.failure = failure;
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
        if (failure instanceof IOException e) {
          throw e;
        }
        if (failure instanceof RuntimeException e) {
          throw e;
        }
        throw (Error) failure;
      }
      bytes.write(b, off, len);
    }
  }

  /** After the stream failed: close returns at once, and every later call fails. */
  static void closeAndCheckEverythingFails(InOrderOutput output) {
    assertTimeoutPreemptively(Duration.ofSeconds(1), output::close);
    assertThat(output.isClosed()).isTrue();
    assertThatThrownBy(() -> output.put(0, 99, new byte[1], 1)).isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> output.finish(0)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> writeReady(output)).isInstanceOf(IOException.class).hasMessageContaining("closed");
  }

  @Test
  void anIOExceptionFromTheStreamComesOutOfWriteUntilDone() throws Exception {
    FailingStream out = new FailingStream(1, new IOException("disk full"));
    InOrderOutput output = new InOrderOutput(out, 3, 1 << 20);
    output.put(1, 0, chunk(1, 0, 5), 5);
    output.finish(1);
    output.put(0, 0, chunk(0, 0, 10), 10);
    output.put(0, 1, chunk(0, 1, 10), 10);
    output.finish(0);
    assertThatThrownBy(() -> output.writeUntilDone(giveUpAfter(2000), 20))
        .isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(output.written()).isEqualTo(10);
    closeAndCheckEverythingFails(output);
    assertThat(out.callsAfterFailure).isZero();
    assertThat(out.bytes.toByteArray()).isEqualTo(chunk(0, 0, 10));
  }

  @Test
  void aFailureWhileWritingASpilledChunkComesOutToo() throws Exception {
    FailingStream out = new FailingStream(2, new IOException("disk full"));
    InOrderOutput output = new InOrderOutput(out, 3, 0);
    output.put(1, 0, chunk(1, 0, 100), 100);
    output.put(2, 0, chunk(2, 0, 100), 100);
    output.finish(1);
    output.finish(2);
    output.put(0, 0, chunk(0, 0, 10), 10);
    output.finish(0);
    Path dir = theSpillDir();
    assertThatThrownBy(() -> output.writeUntilDone(giveUpAfter(2000), 20))
        .isInstanceOf(IOException.class).hasMessage("disk full");
    assertThat(output.written()).isEqualTo(110);
    closeAndCheckEverythingFails(output);
    assertThat(dir).doesNotExist();
    assertThat(out.callsAfterFailure).isZero();
    assertThat(out.bytes.toByteArray()).isEqualTo(expected(new int[][] {{10}, {100}}));
  }

  @Test
  void aRuntimeExceptionFromTheStreamComesOutAsItIs() throws Exception {
    FailingStream out = new FailingStream(0, new IllegalStateException("disk on fire"));
    InOrderOutput output = new InOrderOutput(out, 1, 1 << 20);
    output.put(0, 0, new byte[3], 3);
    output.put(0, 1, new byte[3], 3);
    assertThatThrownBy(() -> writeReady(output)).isInstanceOf(IllegalStateException.class)
        .hasMessage("disk on fire");
    closeAndCheckEverythingFails(output);
    assertThat(out.callsAfterFailure).isZero();
    assertThat(output.written()).isZero();
  }

  @Test
  void anErrorFromTheStreamComesOutAsItIs() throws Exception {
    FailingStream out = new FailingStream(1, new StackOverflowError("deep"));
    InOrderOutput output = new InOrderOutput(out, 2, 0);
    output.put(0, 0, chunk(0, 0, 10), 10);
    output.finish(0);
    output.put(1, 0, chunk(1, 0, 10), 10);
    output.put(1, 1, chunk(1, 1, 10), 10);
    assertThatThrownBy(() -> writeReady(output)).isInstanceOf(StackOverflowError.class).hasMessage("deep");
    assertThat(output.written()).isEqualTo(10);
    closeAndCheckEverythingFails(output);
    assertThat(out.callsAfterFailure).isZero();
    assertThat(out.bytes.toByteArray()).isEqualTo(chunk(0, 0, 10));
  }

  @Test
  void afterCloseEveryCallFailsAndNothingMoreIsWritten() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    InOrderOutput output = new InOrderOutput(out, 2, 1 << 20);
    output.put(0, 0, chunk(0, 0, 10), 10);
    output.put(1, 0, chunk(1, 0, 10), 10);
    assertThat(writeReady(output)).isFalse();
    output.put(0, 1, chunk(0, 1, 10), 10); // queued, never written
    output.close();
    assertThat(output.isClosed()).isTrue();
    assertThatThrownBy(() -> output.put(0, 2, chunk(0, 2, 10), 10))
        .isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> output.finish(0)).isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> output.put(1, 1, chunk(1, 1, 10), 10)).isInstanceOf(IOException.class);
    // even a repeat of an accepted chunk is refused once closed
    assertThatThrownBy(() -> output.put(0, 0, chunk(0, 0, 10), 10)).isInstanceOf(IOException.class);
    assertThatThrownBy(() -> output.writeUntilDone(() -> true, 1))
        .isInstanceOf(IOException.class).hasMessageContaining("closed");
    assertThat(out.toByteArray()).isEqualTo(chunk(0, 0, 10));
    assertThat(output.written()).isEqualTo(10);
  }

  @Test
  void closeFromAnotherThreadDoesNotWaitForTheWriteUnderWayAndStopsTheWriter() throws Exception {
    BlockingStream out = new BlockingStream(0);
    InOrderOutput output = new InOrderOutput(out, 1, 1 << 20);
    try {
      output.put(0, 0, chunk(0, 0, 10), 10);
      Future<Boolean> writer = startWriter(output, giveUpAfter(4000), 20);
      assertThat(out.entered.await(2, TimeUnit.SECONDS)).as("the writer is in write").isTrue();
      output.put(0, 1, chunk(0, 1, 10), 10); // queued behind the write under way
      assertTimeoutPreemptively(Duration.ofSeconds(1), output::close, "close waited for the writer");
      assertThat(writer.isDone()).isFalse();
      out.release.countDown();
      assertThatThrownBy(() -> writer.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(IOException.class).hasMessageContaining("closed");
      assertThat(out.toByteArray()).as("the queued chunk is never written").isEqualTo(chunk(0, 0, 10));
      assertThatThrownBy(() -> output.finish(0)).isInstanceOf(IOException.class);
    } finally {
      out.release.countDown();
      output.close();
    }
  }

  @Test
  void closeFromAnotherThreadWhileASpilledChunkIsBeingWrittenStopsTheWriterWithAnIOException() throws Exception {
    // a spilled chunk of 3 MiB goes out in 1 MiB pieces read from its file; close() comes after the
    // first piece, and deletes the file under the writer
    BlockingStream out = new BlockingStream(0);
    InOrderOutput output = new InOrderOutput(out, 1, 0);
    try {
      byte[] big = chunk(0, 0, 3 << 20);
      output.put(0, 0, big, big.length);
      Future<Boolean> writer = startWriter(output, giveUpAfter(4000), 20);
      assertThat(out.entered.await(2, TimeUnit.SECONDS)).as("the writer is in write").isTrue();
      assertTimeoutPreemptively(Duration.ofSeconds(1), output::close, "close waited for the writer");
      out.release.countDown();
      assertThatThrownBy(() -> writer.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
          .cause().isInstanceOf(IOException.class);
      assertThat(out.toByteArray()).as("nothing after the piece under way")
          .isEqualTo(Arrays.copyOf(big, 1 << 20));
    } finally {
      out.release.countDown();
      output.close();
    }
  }
}
