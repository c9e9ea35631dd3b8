package dev.quarry.slice.lines;

import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.engine.TaskFailure;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import dev.quarry.slice.Anchors;
import dev.quarry.slice.ByteRange;
import dev.quarry.slice.PartitionJob;
import dev.quarry.slice.PartitionStrategy;
import dev.quarry.slice.PreparedObject;
import dev.quarry.slice.PreprocessJob;
import dev.quarry.slice.RecordStream;
import dev.quarry.slice.Slice;
import dev.quarry.slice.SliceException;
import dev.quarry.slice.SliceFormat;
import dev.quarry.slice.SliceIndex;
import dev.quarry.slice.Slices;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the formats whose records are runs of bytes ended by a newline (one line, or several
 * lines by a format rule): text, CSV/TSV, JSON lines, FASTA, FASTQ, VCF. A subclass says how to
 * read its header, how to scan a chunk for record starts and how to read one record; this class
 * does the parallel scan, the cutting and the reading, for plain objects, and {@link GzipRecordFormat}
 * for gzip ones.
 */
public abstract class RecordFormat implements SliceFormat {

  /** Longest header accepted: a header is kept in the index and copied into every slice. */
  public static final int MAX_HEADER = 16 << 20;

  /** A scanner for a chunk, at a line start or not. */
  public abstract ChunkScanner newScanner(long spacing, boolean atLineStart);

  /** Reads one record into {@code out} (or skips it if null); false at the end of the data. */
  public abstract boolean readRecord(RecordInput in, RecordBuffer out) throws IOException;

  /** Reads the header, if the format has one, from the data's start into {@code out}. */
  protected void readHeader(RecordInput in, RecordBuffer out) throws IOException {}

  /**
   * Called once the whole object was scanned: throws if the state at the end is not a valid end
   * (CSV inside quotes, FASTQ in the middle of a record).
   *
   * @param mark the scanner's last mark (format-defined)
   * @param lastRecordStart offset of the last record start
   */
  protected void checkEnd(String object, int finalState, long mark, long lastRecordStart)
      throws SliceException {}

  // ------------------------------------------------------------------ preprocess

  @Override
  public PreparedObject preprocess(PreprocessJob job) throws IOException {
    InputFile file = job.object();
    String object = file.location().toString();
    long size = file.length();
    if (size >= 2) {
      byte[] magic = new byte[2];
      file.readFully(0, magic, 0, 2);
      if ((magic[0] & 0xFF) == 0x1f && (magic[1] & 0xFF) == 0x8b) {
        throw new SliceException(
            object, 0, "the object is gzip-compressed: use --format " + name() + ".gz");
      }
    }
    byte[] header;
    try (InputStream in = file.openRange(0, Math.min(size, MAX_HEADER + 1L))) {
      header = header(in, object);
    }
    long dataStart = header.length;
    long chunk = job.options().chunkBytes();
    long spacing = job.options().anchorSpacing();
    List<ScanChunkTask> tasks = new ArrayList<>();
    for (long s = dataStart; s < size; s += chunk) {
      tasks.add(
          new ScanChunkTask(
              job.io(), file.location(), name(), s, Math.min(size, s + chunk), dataStart, spacing));
    }
    Branch all = new Branch();
    int state = 0;
    if (!tasks.isEmpty()) {
      RunResult<ChunkSet> result = job.engine().run(tasks, ChunkSet.MERGE, RunOptions.defaults().withCancellation(job.cancellation()));
      if (result.cancelled()) {
        throw new java.util.concurrent.CancellationException("preprocessing " + object + " was cancelled");
      }
      if (!result.allSucceeded()) {
        throw new IOException(
            "preprocessing " + object + " failed: "
                + (result.cancelled()
                    ? "cancelled"
                    : result.failures().stream().map(TaskFailure::toString).findFirst().orElse("")));
      }
      for (ChunkSummary summary : result.merged().orElseThrow().inOrder()) {
        all.append(summary.branches()[state]);
        state = summary.next()[state];
      }
    }
    return prepared(object, file, size, size, header, all, state, spacing);
  }

  /** Reads the header from the start of the data and returns its bytes. */
  final byte[] header(InputStream in, String object) throws IOException {
    RecordBuffer buffer = new RecordBuffer();
    RecordInput input = new RecordInput(in, 0);
    readHeader(input, buffer);
    if (buffer.size() > MAX_HEADER) {
      throw new SliceException(object, 0, "header longer than " + (MAX_HEADER >> 20) + " MiB");
    }
    return buffer.toByteArray();
  }

  /** The prepared object from the scan of all chunks, after checking errors and the end state. */
  final PreparedObject prepared(
      String object, InputFile file, long objectSize, long dataSize, byte[] header, Branch all,
      int finalState, long spacing)
      throws SliceException {
    if (all.error != null) {
      throw new SliceException(object, all.errorOffset, all.error);
    }
    checkEnd(object, finalState, all.mark, all.lastRecordStart);
    Anchors anchors = new Anchors(all.offsets(), all.ordinals());
    SliceIndex index =
        new SliceIndex(
            SliceIndex.FORMAT_VERSION, name(), object, file.status().version(), objectSize,
            dataSize, header, header.length, all.records, spacing, anchors.size(), List.of());
    return new PreparedObject(index, anchors);
  }

  // ------------------------------------------------------------------ partition

  @Override
  public List<Slice> partition(PreparedObject object, PartitionStrategy strategy, PartitionJob job)
      throws IOException {
    InputFile file = job.object();
    Cutter cutter =
        new Cutter(this, object.index(), object.anchors(), (from, to) -> file.openRange(from, to - from));
    List<Cutter.Cut> cuts = cutter.cuts(strategy);
    SliceIndex index = object.index();
    List<Slice> slices = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.size(); i++) {
      Cutter.Cut a = cuts.get(i);
      Cutter.Cut b = cuts.get(i + 1);
      slices.add(
          new Slice(
              i, name(), index.object(), index.objectVersion(), index.objectSize(), a.offset(),
              b.offset(), a.ordinal(), b.ordinal() - a.ordinal(),
              List.of(new ByteRange(a.offset(), b.offset())), index.header(), null, -1, 0));
    }
    return slices;
  }

  // ------------------------------------------------------------------ open

  @Override
  public RecordStream open(Slice slice, FileIO io) throws IOException {
    InputFile file = Slices.checkedInput(slice, io);
    InputStream in = file.openRange(slice.start(), slice.end() - slice.start());
    return stream(new RecordInput(in, slice.start()), slice);
  }

  /** Records from {@code in} (at the slice's start) until the slice's end or record count. */
  final RecordStream stream(RecordInput in, Slice slice) {
    return new RecordStream() {
      private final RecordBuffer buffer = new RecordBuffer();
      private long read;

      @Override
      public byte[] next() throws IOException {
        if (read >= slice.records() || in.position() >= slice.end()) {
          return null;
        }
        buffer.clear();
        if (!readRecord(in, buffer)) {
          throw new SliceException(
              Location.parse(slice.object()).toString(), in.position(),
              "slice " + slice.index() + " ended after " + read + " of " + slice.records()
                  + " records (object changed?)");
        }
        read++;
        return buffer.toByteArray();
      }

      @Override
      public void close() throws IOException {
        in.close();
      }
    };
  }
}
