package dev.quarry.slice.lines;

import dev.quarry.slice.Anchors;
import dev.quarry.slice.PartitionStrategy;
import dev.quarry.slice.SliceException;
import dev.quarry.slice.SliceIndex;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a strategy into exact record boundaries. A target (an offset or a record ordinal) is found
 * from the nearest sampled anchor before it by walking records forward, reading at most the bytes
 * up to the next anchor.
 */
final class Cutter {

  /** Opens the object's (uncompressed) data bytes {@code [from, to)}. */
  interface Opener {
    InputStream open(long from, long to) throws IOException;
  }

  /** A record boundary: the offset where record {@code ordinal} starts. */
  record Cut(long offset, long ordinal) {}

  private final RecordFormat format;
  private final SliceIndex index;
  private final Anchors anchors;
  private final Opener opener;

  Cutter(RecordFormat format, SliceIndex index, Anchors anchors, Opener opener) {
    this.format = format;
    this.index = index;
    this.anchors = anchors;
    this.opener = opener;
  }

  /** Boundaries from the data start to the data end, strictly increasing, at least two. */
  List<Cut> cuts(PartitionStrategy strategy) throws IOException {
    long start = index.dataStart();
    long end = index.dataSize();
    long records = index.records();
    List<Cut> cuts = new ArrayList<>();
    cuts.add(new Cut(start, 0));
    if (records > 0) {
      if (strategy instanceof PartitionStrategy.SliceCount c) {
        long span = end - start;
        for (int i = 1; i < c.count(); i++) {
          // span * i / count without overflowing 64 bits for huge objects
          long target = start + span / c.count() * i + span % c.count() * i / c.count();
          add(cuts, atOffset(target));
        }
      } else if (strategy instanceof PartitionStrategy.BytesPerSlice b) {
        for (long t = start + b.bytes(); t < end; t += b.bytes()) {
          add(cuts, atOffset(t));
        }
      } else if (strategy instanceof PartitionStrategy.RecordsPerSlice r) {
        for (long k = r.records(); k < records; k += r.records()) {
          add(cuts, atOrdinal(k));
        }
      } else {
        throw new SliceException(
            "row groups per slice is a Parquet strategy; " + index.format()
                + " objects are cut by slice count, bytes or records");
      }
    }
    add(cuts, new Cut(end, records));
    return cuts;
  }

  private static void add(List<Cut> cuts, Cut cut) {
    if (cut.ordinal() > cuts.get(cuts.size() - 1).ordinal()) {
      cuts.add(cut);
    }
  }

  /** The first record starting at or after {@code target}. */
  Cut atOffset(long target) throws IOException {
    int a = anchors.atOrBeforeOffset(target);
    if (a < 0) {
      return new Cut(index.dataStart(), 0);
    }
    long offset = anchors.offset(a);
    long ordinal = anchors.ordinal(a);
    if (offset == target) {
      return new Cut(offset, ordinal);
    }
    if (a + 1 < anchors.size() && anchors.ordinal(a + 1) == ordinal + 1) {
      // one record between the two anchors: the answer is the next anchor, no need to read a
      // record that may be gigabytes long
      return new Cut(anchors.offset(a + 1), ordinal + 1);
    }
    if (a + 1 == anchors.size() && ordinal + 1 == index.records()) {
      return new Cut(index.dataSize(), index.records()); // target is inside the last record
    }
    try (RecordInput in = new RecordInput(opener.open(offset, limit(a)), offset)) {
      while (in.position() < target && format.readRecord(in, null)) {
        ordinal++;
      }
      return in.position() >= target && ordinal < index.records()
          ? new Cut(in.position(), ordinal)
          : new Cut(index.dataSize(), index.records());
    }
  }

  /** Where record {@code ordinal} starts. */
  Cut atOrdinal(long target) throws IOException {
    int a = anchors.atOrBeforeOrdinal(target);
    long offset = anchors.offset(a);
    long ordinal = anchors.ordinal(a);
    if (ordinal == target) {
      return new Cut(offset, ordinal);
    }
    try (RecordInput in = new RecordInput(opener.open(offset, limit(a)), offset)) {
      while (ordinal < target && format.readRecord(in, null)) {
        ordinal++;
      }
      return new Cut(in.position(), ordinal);
    }
  }

  /** A walk from anchor {@code a} never passes the next anchor, itself a record start. */
  private long limit(int a) {
    return a + 1 < anchors.size() ? anchors.offset(a + 1) : index.dataSize();
  }
}
