package dev.quarry.synth;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.ProgressListener;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.engine.TaskFailure;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.ListOptions;
import dev.quarry.core.storage.Location;
import dev.quarry.synth.write.Compression;
import dev.quarry.synth.write.Fragment;
import dev.quarry.synth.write.OutputFormat;
import dev.quarry.synth.write.OutputSchema;
import dev.quarry.synth.write.RowBlock;
import dev.quarry.synth.write.RowWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;

/**
 * Writes one table of a schema to a stream in a format, generating its shards in parallel on an
 * engine. Because each value depends only on (seed, table, field, row) and fragments concatenate
 * byte-identically, the output is the same for any number of shards or workers. How the fragments
 * meet:
 *
 * <ul>
 *   <li>On an engine that runs tasks in this JVM ({@link Engine#sharesTaskObjects()}), shards hand
 *       their bytes in chunks of about {@value #CHUNK_BYTES} bytes to an {@link InOrderOutput}, and
 *       the calling thread writes them in shard order as they come (chunks wait in a bounded
 *       buffer, then in temporary files).
 *   <li>Elsewhere (Spark) each shard writes its fragment as an object of a {@link FragmentStore}
 *       (a temporary folder of this machine unless the caller names shared storage), and the
 *       fragments are copied into the output in shard order once all are done.
 * </ul>
 *
 * Memory stays constant whatever the size. Formats that cannot be concatenated (Parquet) are
 * written by one writer, in row order.
 */
public final class TableWriter {

  /** Bytes a shard gathers before handing them to the in-order output. */
  static final int CHUNK_BYTES = 1 << 20;

  /** Rows per shard on an in-process engine: small, so later shards seldom wait long for their turn. */
  static final long IN_PROCESS_SHARD_ROWS = 1 << 16;

  /** What was written. */
  public record Result(String table, long rows, long bytes) {}

  /**
   * How a table is split and joined; none of it changes the bytes.
   *
   * @param shards tasks to split the table into; 0 chooses a number for the engine
   * @param fragments where fragments wait on an engine that runs tasks in other JVMs; null for a
   *     temporary folder of this machine
   * @param holdOutput write nothing until every shard is made, so that a failure leaves the output
   *     untouched (an HTTP response can still carry an error); memory up to a budget, then
   *     temporary files, hold the bytes meanwhile. Formats that cannot be concatenated are written
   *     as they are made regardless.
   */
  public record Settings(int shards, FragmentStore fragments, boolean holdOutput) {
    public static final Settings DEFAULT = new Settings(0, null, false);

    public Settings {
      if (shards < 0) {
        throw new IllegalArgumentException("shards must not be negative");
      }
    }

    public Settings withShards(int n) {
      return new Settings(n, fragments, holdOutput);
    }

    public Settings withFragments(FragmentStore store) {
      return new Settings(shards, store, holdOutput);
    }

    public Settings holdingOutput() {
      return new Settings(shards, fragments, true);
    }
  }

  private TableWriter() {}

  /**
   * Writes every row of {@code table} to {@code out} (which the caller closes).
   *
   * @param options retries, progress (told as shards finish) and cancellation
   */
  public static Result write(Synthesizer synth, String table, OutputFormat format, OutputStream out,
      Engine engine, RunOptions options) throws IOException {
    return write(synth, table, format, out, engine, options, Settings.DEFAULT);
  }

  private static int defaultShards(Synthesizer synth, String table, Engine engine) {
    long rows = synth.schema().table(table).rows();
    return engine.sharesTaskObjects()
        ? inProcessShardCount(rows, engine.parallelism())
        : shardCount(rows, engine.parallelism());
  }

  /**
   * As {@link #write(Synthesizer, String, OutputFormat, OutputStream, Engine, RunOptions)} with
   * {@code shards} shards (tasks) rather than a number chosen for the engine; the bytes are the
   * same whatever the number.
   */
  public static Result write(Synthesizer synth, String table, OutputFormat format, OutputStream out,
      Engine engine, RunOptions options, int shards) throws IOException {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be at least 1");
    }
    return write(synth, table, format, out, engine, options, Settings.DEFAULT.withShards(shards));
  }

  /** Writes every row of {@code table} to {@code out} (which the caller closes), as {@code settings} say. */
  public static Result write(Synthesizer synth, String table, OutputFormat format, OutputStream out,
      Engine engine, RunOptions options, Settings settings) throws IOException {
    int shards = settings.shards() > 0 ? settings.shards() : defaultShards(synth, table, engine);
    long rows = synth.schema().table(table).rows();
    OutputSchema schema = synth.outputSchema(table);
    if (!format.concatenable() || rows == 0) {
      CountingStream counted = new CountingStream(out);
      try (RowWriter w = format.open(counted, schema, Fragment.WHOLE)) {
        writeBlocks(synth.rows(table, 0, rows), w, n -> {
          if (options.cancellation().isCancelled()) {
            throw new IOException("cancelled after " + n + " rows of " + table);
          }
        });
      }
      counted.flush();
      return new Result(table, rows, counted.count);
    }
    if (engine.sharesTaskObjects()) {
      return writeInOrder(synth, table, format, out, engine, options, shards, settings.holdOutput());
    }
    Path temporary = null;
    FragmentStore store = settings.fragments();
    if (store == null) {
      temporary = Files.createTempDirectory("quarry-synth-");
      store = new FragmentStore(FileIO.unrestricted(), Location.ofLocal(temporary));
    }
    FileIO io = store.io();
    Location runFolder = store.folder().resolve("quarry-synth-" + UUID.randomUUID());
    Throwable failure = null;
    try {
      var tasks = synth.tasks(table, shards, new FragmentToStore(io, runFolder, format));
      RunResult<Fragments> run = engine.run(tasks, Fragments::merge, options);
      requireAllDone(run, table);
      List<FragmentFile> files = run.merged().orElseThrow().sorted();
      long bytes = 0;
      for (FragmentFile f : files) {
        try (InputStream in = io.newInputFile(f.location()).newStream()) {
          bytes += in.transferTo(out);
        }
        io.delete(f.location());
      }
      out.flush();
      return new Result(table, rows, bytes);
    } catch (Throwable t) {
      failure = t;
      throw t;
    } finally {
      removeRunFolder(io, runFolder, temporary, failure);
    }
  }

  /**
   * Deletes what failed, retried or cancelled shards left in a run's fragment folder, the folder,
   * and the temporary folder holding it. A cleanup problem never hides the run's own failure (it is
   * added to it); after a cancellation, a shard still running may publish its fragment after this
   * and leave it behind.
   */
  private static void removeRunFolder(FileIO io, Location runFolder, Path temporary, Throwable failure)
      throws IOException {
    try {
      if (io.isDirectory(runFolder)) {
        for (var left : io.list(runFolder, ListOptions.RECURSIVE)) {
          io.delete(left.location());
        }
      }
      if (Location.FILE.equals(runFolder.scheme())) {
        Files.deleteIfExists(runFolder.toPath());
      }
      if (temporary != null) {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException | RuntimeException e) {
      if (failure == null) {
        throw e;
      }
      failure.addSuppressed(e);
    }
  }

  /**
   * The engine runs on a thread of its own while this thread writes what the shards hand over, in
   * order; the workers never write, so a slow reader holds up only this thread. With {@code hold},
   * writing starts once every shard is made.
   */
  private static Result writeInOrder(Synthesizer synth, String table, OutputFormat format,
      OutputStream out, Engine engine, RunOptions options, int shards, boolean hold) throws IOException {
    long rows = synth.schema().table(table).rows();
    int count = synth.shards(table, shards).size();
    try (InOrderOutput output = new InOrderOutput(out, count, inOrderBudget())) {
      var tasks = synth.tasks(table, shards, new ToInOrderOutput(output, format));
      CompletableFuture<RunResult<Long>> run = new CompletableFuture<>();
      Thread runner = new Thread(() -> {
        try {
          run.complete(engine.run(tasks, Long::sum, options));
        } catch (Throwable t) {
          run.completeExceptionally(t);
        } finally {
          output.wake();
        }
      }, "quarry-synth-" + table);
      runner.setDaemon(true);
      runner.start();
      BooleanSupplier ended = run::isDone;
      boolean complete;
      try {
        if (hold) {
          requireAllDone(await(run), table);
        }
        complete = output.writeUntilDone(ended, 100);
      } catch (Throwable t) {
        // Closing the output (below) stops the workers: a shard checks it before every block.
        output.close();
        throw t;
      }
      requireAllDone(await(run), table);
      if (!complete) {
        throw new IllegalStateException("every shard of " + table + " ran but the output is incomplete");
      }
      out.flush();
      return new Result(table, rows, output.written());
    }
  }

  /** The run's result, once it is there. */
  private static RunResult<Long> await(CompletableFuture<RunResult<Long>> run) throws IOException {
    try {
      return run.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while generating");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause.getMessage(), cause);
    }
  }

  /** What to do after each block a writer took: hand the bytes on, stop a cancelled run. */
  @FunctionalInterface
  private interface AfterBlock {
    void written(long rowsSoFar) throws IOException;
  }

  /** Writes the rest of {@code rows} to {@code w} a block at a time; returns how many rows. */
  private static long writeBlocks(RowIterator rows, RowWriter w, AfterBlock after) throws IOException {
    RowBlock block = rows.newBlock(RowBlock.DEFAULT_CAPACITY);
    long n = 0;
    for (int got; (got = rows.next(block)) > 0; ) {
      w.write(block);
      n += got;
      after.written(n);
    }
    return n;
  }

  /** Fails a run that was cancelled or in which a shard failed, naming the first failure. */
  private static void requireAllDone(RunResult<?> run, String table) throws IOException {
    if (run.cancelled()) {
      throw new IOException("cancelled while writing " + table);
    }
    if (!run.failures().isEmpty()) {
      TaskFailure f = run.failures().get(0);
      throw new IOException("could not generate " + table + " (" + f.task() + "): " + f.error());
    }
  }

  /** Later shards' bytes held in memory: 64 MiB, less on a small heap. */
  private static long inOrderBudget() {
    return Math.min(64L << 20, Runtime.getRuntime().maxMemory() / 16);
  }

  /**
   * Writes every row of {@code table} to {@code out} compressed with {@code compression}, finishing
   * the compressed stream but leaving {@code out} open; {@link Result#bytes()} counts the bytes that
   * reached {@code out}, after compression.
   */
  public static Result write(Synthesizer synth, String table, OutputFormat format,
      Compression compression, OutputStream out, Engine engine, RunOptions options)
      throws IOException {
    return write(synth, table, format, compression, out, engine, options, Settings.DEFAULT);
  }

  /**
   * As {@link #write(Synthesizer, String, OutputFormat, Compression, OutputStream, Engine,
   * RunOptions)}, as {@code settings} say.
   */
  public static Result write(Synthesizer synth, String table, OutputFormat format,
      Compression compression, OutputStream out, Engine engine, RunOptions options,
      Settings settings) throws IOException {
    CountingStream counted = new CountingStream(out);
    OutputStream body = compression.wrap(counted);
    Result r = write(synth, table, format, body, engine, options, settings);
    body.close(); // finishes the compressed stream; CountingStream only flushes what it wraps
    return new Result(table, r.rows(), counted.count);
  }

  /** Enough shards to keep every worker busy and bound a fragment's size; never affects the bytes. */
  static int shardCount(long rows, int workers) {
    long byWorkers = (long) Math.max(1, workers) * 4;
    long bySize = (rows + 999_999) / 1_000_000;
    return (int) Math.max(1, Math.min(rows, Math.max(byWorkers, Math.min(bySize, 10_000))));
  }

  /**
   * Shards of at most {@link #IN_PROCESS_SHARD_ROWS} rows and at least four per worker (fewer only
   * for tiny tables), at most 100,000 however big the table; never affects the bytes.
   */
  static int inProcessShardCount(long rows, int workers) {
    long byWorkers = (long) Math.max(1, workers) * 4;
    long bySize = (rows + IN_PROCESS_SHARD_ROWS - 1) / IN_PROCESS_SHARD_ROWS;
    return (int) Math.max(1, Math.min(rows, Math.max(byWorkers, Math.min(bySize, 100_000))));
  }

  /**
   * Writes one shard's fragment into the run's {@link InOrderOutput}, a chunk at a time. Holds the
   * output itself, so it only works on an engine that {@linkplain Engine#sharesTaskObjects() shares
   * task objects}; a cancelled shard throws rather than being marked finished.
   */
  private record ToInOrderOutput(InOrderOutput output, OutputFormat format) implements ShardSink<Long> {
    @Override
    public Long consume(Shard shard, OutputSchema schema, RowIterator rows, TaskContext context)
        throws Exception {
      Chunks chunks = new Chunks(output, shard.index());
      long n;
      try (RowWriter w = format.open(chunks, schema, shard.fragment())) {
        n = writeBlocks(rows, w, done -> {
          chunks.handOffIfFull();
          if (context.isCancelled() || output.isClosed()) {
            throw new CancellationException("stopped after " + done + " rows of " + shard);
          }
        });
      }
      chunks.handOffLast();
      output.finish(shard.index());
      return n;
    }
  }

  /** A shard's bytes, gathered into chunks of about {@link #CHUNK_BYTES} for the in-order output. */
  private static final class Chunks extends OutputStream {
    private static final int CAPACITY = CHUNK_BYTES + (CHUNK_BYTES >> 2);
    private final InOrderOutput output;
    private final int shard;
    private byte[] buf;
    private int count;
    private int seq;

    Chunks(InOrderOutput output, int shard) {
      this.output = output;
      this.shard = shard;
      this.buf = output.buffer(CAPACITY);
    }

    @Override
    public void write(int b) {
      if (count == buf.length) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      buf[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      if (len > buf.length - count) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, count + len));
      }
      System.arraycopy(b, off, buf, count, len);
      count += len;
    }

    void handOffIfFull() throws IOException {
      if (count >= CHUNK_BYTES) {
        handOff();
      }
    }

    void handOff() throws IOException {
      if (count > 0) {
        output.put(shard, seq++, buf, count);
        buf = output.buffer(CAPACITY);
        count = 0;
      }
    }

    /** Hands over what is left; the stream is not written again. */
    void handOffLast() throws IOException {
      if (count > 0) {
        output.put(shard, seq++, buf, count);
      }
      buf = null;
      count = 0;
    }
  }

  /** A fragment in the store, with its shard index for ordering. */
  record FragmentFile(int index, Location location, long rows) implements Serializable {}

  /** The fragments written by the tasks; merged by concatenation and read back in shard order. */
  static final class Fragments implements Serializable {
    private static final long serialVersionUID = 1L;
    final ArrayList<FragmentFile> files = new ArrayList<>();

    Fragments merge(Fragments o) {
      files.addAll(o.files);
      return this;
    }

    List<FragmentFile> sorted() {
      List<FragmentFile> out = new ArrayList<>(files);
      out.sort(Comparator.comparingInt(FragmentFile::index));
      return out;
    }
  }

  /**
   * Writes one shard's fragment as an object of the run's fragment folder, published only when
   * complete (a failed or cancelled attempt leaves nothing, a retry writes it again whole).
   */
  private record FragmentToStore(FileIO io, Location runFolder, OutputFormat format)
      implements ShardSink<Fragments> {
    @Override
    public Fragments consume(Shard shard, OutputSchema schema, RowIterator rows, TaskContext context)
        throws Exception {
      Location location = runFolder.resolve(String.format("part-%06d", shard.index()));
      long[] n = {0};
      io.newOutputFile(location).write(os -> {
        OutputStream buffered = new BufferedOutputStream(os, 1 << 16);
        try (RowWriter w = format.open(buffered, schema, shard.fragment())) {
          n[0] = writeBlocks(rows, w, done -> {
            if (context.isCancelled()) {
              throw new IOException("cancelled after " + done + " rows of " + shard);
            }
          });
        }
        buffered.flush();
      });
      Fragments f = new Fragments();
      f.files.add(new FragmentFile(shard.index(), location, n[0]));
      return f;
    }
  }

  /** Counts the bytes passed through; closing flushes but leaves the wrapped stream open. */
  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }
  }

  /** Progress as rows: the engine reports shards, which are equal in size up to one row. */
  public static ProgressListener rowsProgress(long rows, int shards, java.util.function.LongConsumer done) {
    return (d, failed, total) -> done.accept(total == 0 ? rows : rows * (d + failed) / total);
  }
}
