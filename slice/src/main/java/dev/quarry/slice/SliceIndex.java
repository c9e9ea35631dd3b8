package dev.quarry.slice;

import java.util.List;

/**
 * What preprocessing learned about an object, kept as JSON in the metadata location. Record
 * offsets are sampled (see {@link Anchors}, a separate binary file) rather than listed one by one,
 * so the index of a 200 GB object stays a few megabytes.
 *
 * @param formatVersion layout version of this file
 * @param format slice format name
 * @param object data location
 * @param objectVersion {@link dev.quarry.core.storage.FileStatus#version()} at indexing time
 * @param objectSize object size in bytes
 * @param dataSize size of the data records are cut from: the uncompressed size for gzip objects
 * @param header header bytes (empty if none), kept so every slice can carry them
 * @param dataStart offset of the first record (after the header)
 * @param records number of records
 * @param anchorSpacing bytes between sampled record offsets
 * @param anchorCount number of sampled record offsets
 * @param rowGroups Parquet row groups (empty for other formats)
 */
public record SliceIndex(
    int formatVersion,
    String format,
    String object,
    String objectVersion,
    long objectSize,
    long dataSize,
    byte[] header,
    long dataStart,
    long records,
    long anchorSpacing,
    long anchorCount,
    List<RowGroup> rowGroups) {

  public static final int FORMAT_VERSION = 1;

  public SliceIndex {
    header = header == null ? new byte[0] : header;
    rowGroups = rowGroups == null ? List.of() : List.copyOf(rowGroups);
  }

  /** One Parquet row group: rows {@code [firstRow, firstRow + rows)}, bytes {@code [offset, offset + size)}. */
  public record RowGroup(int index, long firstRow, long rows, long offset, long size) {}
}
