package dev.quarry.slice;

import java.io.Serializable;

/**
 * How to cut an object into slices. Every strategy cuts at record boundaries only; records are
 * never split, so slices hold whole records and concatenate to the object's records.
 */
public sealed interface PartitionStrategy extends Serializable {

  /** About {@code count} slices of similar byte size (fewer if the object has fewer records). */
  record SliceCount(int count) implements PartitionStrategy {
    public SliceCount {
      positive(count, "slice count");
    }
  }

  /** Slices of about {@code bytes} bytes each (of uncompressed data for gzip objects). */
  record BytesPerSlice(long bytes) implements PartitionStrategy {
    public BytesPerSlice {
      positive(bytes, "bytes per slice");
    }
  }

  /**
   * Exactly {@code records} records per slice (the last may hold fewer): lines, CSV records, JSON
   * lines, FASTA sequences, FASTQ reads (reads per batch), VCF variants, Parquet rows rounded to
   * row groups.
   */
  record RecordsPerSlice(long records) implements PartitionStrategy {
    public RecordsPerSlice {
      positive(records, "records per slice");
    }
  }

  /** Parquet only: {@code rowGroups} row groups per slice. */
  record RowGroupsPerSlice(int rowGroups) implements PartitionStrategy {
    public RowGroupsPerSlice {
      positive(rowGroups, "row groups per slice");
    }
  }

  static PartitionStrategy slices(int count) {
    return new SliceCount(count);
  }

  static PartitionStrategy bytes(long bytes) {
    return new BytesPerSlice(bytes);
  }

  static PartitionStrategy records(long records) {
    return new RecordsPerSlice(records);
  }

  static PartitionStrategy rowGroups(int rowGroups) {
    return new RowGroupsPerSlice(rowGroups);
  }

  private static void positive(long value, String what) {
    if (value < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, not " + value);
    }
  }
}
