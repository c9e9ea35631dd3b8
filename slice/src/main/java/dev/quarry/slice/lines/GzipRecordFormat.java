package dev.quarry.slice.lines;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
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
import dev.quarry.slice.gzip.GzipCheckpoint;
import dev.quarry.slice.gzip.GzipCheckpointStream;
import dev.quarry.slice.gzip.GzipFormatException;
import dev.quarry.slice.gzip.GzipIndex;
import dev.quarry.slice.gzip.GzipIndexer;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * A byte-record format inside a gzip object ({@code <format>.gz}), single or multi-member. Offsets
 * of records and slices are offsets in the uncompressed data. Preprocessing decompresses once (a
 * deflate stream cannot be entered mid-way without an index), building the gzip index and scanning
 * for records in the same pass; a slice then starts inflating at the access point before it, with
 * range reads, and skips to its first record.
 */
public final class GzipRecordFormat implements SliceFormat {

  static final String GZIP_INDEX = "gzindex";

  private final RecordFormat inner;

  public GzipRecordFormat(RecordFormat inner) {
    this.inner = inner;
  }

  @Override
  public String name() {
    return inner.name() + ".gz";
  }

  @Override
  public PreparedObject preprocess(PreprocessJob job) throws IOException {
    InputFile file = job.object();
    String object = file.location().toString();
    byte[] header;
    try (InputStream in =
        new GZIPInputStream(file.newStream(), 64 * 1024)) {
      header = inner.header(in, object);
    } catch (IOException e) {
      if (e instanceof SliceException) {
        throw e;
      }
      header = null; // a damaged stream: the indexing pass below names the offset
    }
    long dataStart = header == null ? 0 : header.length;
    long spacing = job.options().anchorSpacing();
    ChunkScanner scanner = inner.newScanner(spacing, true);
    long[] position = {0};
    GzipIndex index;
    try {
      index =
          GzipIndexer.index(
              file,
              job.options().gzipSpanFor(file.length()),
              (b, off, len) -> {
                if (job.cancellation().isCancelled()) {
                  throw new java.util.concurrent.CancellationException(
                      "preprocessing " + object + " was cancelled");
                }
                long at = position[0];
                position[0] += len;
                if (at + len <= dataStart) {
                  return;
                }
                int skip = (int) Math.max(0, dataStart - at);
                scanner.feed(b, off + skip, len - skip, at + skip);
              });
    } catch (GzipFormatException e) {
      throw new SliceException(e.getMessage(), e);
    }
    if (header == null) {
      throw new SliceException(object + ": cannot read the start of the gzip data");
    }
    ChunkSummary summary = scanner.finish(dataStart, index.uncompressedSize());
    job.writeSideFile(GZIP_INDEX, index::writeTo);
    return inner.prepared(
        object, file, file.length(), index.uncompressedSize(), header, summary.branches()[0],
        summary.next()[0], spacing);
  }

  @Override
  public List<Slice> partition(PreparedObject object, PartitionStrategy strategy, PartitionJob job)
      throws IOException {
    InputFile file = job.object();
    GzipIndex gzip;
    try (InputStream in = job.meta().open(GZIP_INDEX)) {
      gzip = GzipIndex.readFrom(in);
    }
    SliceIndex index = object.index();
    Cutter cutter =
        new Cutter(inner, index, object.anchors(), (from, to) -> uncompressed(file, gzip.checkpointAtOrBefore(from), from, to));
    List<Cutter.Cut> cuts = cutter.cuts(strategy);
    List<Slice> slices = new ArrayList<>();
    for (int i = 0; i + 1 < cuts.size(); i++) {
      Cutter.Cut a = cuts.get(i);
      Cutter.Cut b = cuts.get(i + 1);
      GzipCheckpoint cp = gzip.checkpointAtOrBefore(a.offset());
      long compressedEnd = compressedEnd(gzip, b.offset(), index.objectSize());
      slices.add(
          new Slice(
              i, name(), index.object(), index.objectVersion(), index.objectSize(), a.offset(),
              b.offset(), a.ordinal(), b.ordinal() - a.ordinal(),
              List.of(new ByteRange(cp.compressedOffset(), compressedEnd)), index.header(),
              cp.toCompactString(), -1, 0));
    }
    return slices;
  }

  /** Where the compressed bytes needed for uncompressed data up to {@code end} end, at most. */
  private static long compressedEnd(GzipIndex gzip, long end, long objectSize) {
    for (GzipCheckpoint cp : gzip.checkpoints()) { // few thousand at most; partition runs once
      if (cp.uncompressedOffset() >= end) {
        return Math.min(objectSize, cp.compressedOffset() + 1);
      }
    }
    return objectSize;
  }

  /** Uncompressed bytes {@code [from, to)}, inflating from {@code cp}. */
  private static InputStream uncompressed(InputFile file, GzipCheckpoint cp, long from, long to)
      throws IOException {
    InputStream in = GzipCheckpointStream.open(file, cp, file.location().toString());
    try {
      long skip = from - cp.uncompressedOffset();
      if (in.skip(skip) != skip) {
        throw new SliceException(
            file.location().toString(), from, "the gzip data ends before this offset (object changed?)");
      }
      return BoundedInputStream.builder().setInputStream(in).setMaxCount(to - from).get();
    } catch (GzipFormatException e) {
      in.close();
      throw new SliceException(e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  @Override
  public RecordStream open(Slice slice, FileIO io) throws IOException {
    InputFile file = Slices.checkedInput(slice, io);
    GzipCheckpoint cp = GzipCheckpoint.fromCompactString(slice.gzipCheckpoint());
    InputStream in = uncompressed(file, cp, slice.start(), slice.end());
    return inner.stream(new RecordInput(in, slice.start()), slice);
  }
}
