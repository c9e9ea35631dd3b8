package dev.quarry.synth;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.ProgressListener;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.engine.TaskFailure;
import dev.quarry.synth.write.Compression;
import dev.quarry.synth.write.Fragment;
import dev.quarry.synth.write.OutputFormat;
import dev.quarry.synth.write.OutputSchema;
import dev.quarry.synth.write.RowWriter;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes one table of a schema to a stream in a format, generating its shards in parallel on an
 * engine. Each shard writes its fragment to a temporary file (so memory stays constant whatever
 * the size); the fragments are then copied into the output in shard order. Because each value
 * depends only on (seed, table, field, row) and fragments concatenate byte-identically, the output
 * is the same for any number of shards or workers. Formats that cannot be concatenated (Parquet)
 * are written by one writer, in row order.
 */
public final class TableWriter {

  /** Rows generated between cancellation checks. */
  private static final int CHECK_EVERY = 8192;

  /** What was written. */
  public record Result(String table, long rows, long bytes) {}

  private TableWriter() {}

  /**
   * Writes every row of {@code table} to {@code out} (which the caller closes).
   *
   * @param options retries, progress (told as shards finish) and cancellation
   */
  public static Result write(Synthesizer synth, String table, OutputFormat format, OutputStream out,
      Engine engine, RunOptions options) throws IOException {
    long rows = synth.schema().table(table).rows();
    return write(synth, table, format, out, engine, options, shardCount(rows, engine.parallelism()));
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
    long rows = synth.schema().table(table).rows();
    OutputSchema schema = synth.outputSchema(table);
    if (!format.concatenable() || rows == 0) {
      CountingStream counted = new CountingStream(out);
      try (RowWriter w = format.open(counted, schema, Fragment.WHOLE)) {
        var it = synth.rows(table, 0, rows);
        long n = 0;
        while (it.hasNext()) {
          w.write(it.next());
          if (++n % CHECK_EVERY == 0 && options.cancellation().isCancelled()) {
            throw new IOException("cancelled after " + n + " rows of " + table);
          }
        }
      }
      counted.flush();
      return new Result(table, rows, counted.count);
    }
    Path dir = Files.createTempDirectory("quarry-synth-");
    try {
      var tasks = synth.tasks(table, shards, new FragmentToFile(dir.toString(), format.name()));
      RunResult<Fragments> run = engine.run(tasks, Fragments::merge, options);
      if (run.cancelled()) {
        throw new IOException("cancelled while writing " + table);
      }
      if (!run.failures().isEmpty()) {
        TaskFailure f = run.failures().get(0);
        throw new IOException("could not generate " + table + " (" + f.task() + "): " + f.error());
      }
      List<FragmentFile> files = run.merged().orElseThrow().sorted();
      long bytes = 0;
      for (FragmentFile f : files) {
        bytes += Files.copy(Path.of(f.path()), out);
        Files.delete(Path.of(f.path()));
      }
      out.flush();
      return new Result(table, rows, bytes);
    } finally {
      try (var left = Files.list(dir)) {
        for (Path p : (Iterable<Path>) left::iterator) {
          Files.deleteIfExists(p);
        }
      }
      Files.deleteIfExists(dir);
    }
  }

  /**
   * Writes every row of {@code table} to {@code out} compressed with {@code compression}, finishing
   * the compressed stream but leaving {@code out} open; {@link Result#bytes()} counts the bytes that
   * reached {@code out}, after compression.
   */
  public static Result write(Synthesizer synth, String table, OutputFormat format,
      Compression compression, OutputStream out, Engine engine, RunOptions options)
      throws IOException {
    CountingStream counted = new CountingStream(out);
    OutputStream body = compression.wrap(counted);
    Result r = write(synth, table, format, body, engine, options);
    body.close(); // finishes the compressed stream; CountingStream only flushes what it wraps
    return new Result(table, r.rows(), counted.count);
  }

  /** Enough shards to keep every worker busy and bound a fragment's size; never affects the bytes. */
  static int shardCount(long rows, int workers) {
    long byWorkers = (long) Math.max(1, workers) * 4;
    long bySize = (rows + 999_999) / 1_000_000;
    return (int) Math.max(1, Math.min(rows, Math.max(byWorkers, Math.min(bySize, 10_000))));
  }

  /** A fragment written to a temporary file, with its shard index for ordering. */
  record FragmentFile(int index, String path, long rows) implements Serializable {}

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

  /** Writes one shard's fragment into a file of the temporary folder. */
  private record FragmentToFile(String dir, String formatName) implements ShardSink<Fragments> {
    @Override
    public Fragments consume(Shard shard, OutputSchema schema, RowIterator rows, TaskContext context)
        throws Exception {
      OutputFormat format = dev.quarry.synth.write.OutputFormats.byName(formatName);
      Path file = Path.of(dir, String.format("part-%06d", shard.index()));
      long n = 0;
      try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
          RowWriter w = format.open(os, schema, shard.fragment())) {
        while (rows.hasNext()) {
          w.write(rows.next());
          if (++n % CHECK_EVERY == 0 && context.isCancelled()) {
            break;
          }
        }
      }
      Fragments f = new Fragments();
      f.files.add(new FragmentFile(shard.index(), file.toString(), n));
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
