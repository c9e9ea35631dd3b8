package dev.quarry.core.formats.parquet;

import java.util.List;

/**
 * One row group as the footer describes it: the unit a slicer hands to a worker.
 *
 * @param index position in the file, from 0
 * @param firstRow ordinal of the group's first row in the file, from 0
 * @param rowCount rows in the group
 * @param byteOffset where the group's first column chunk starts in the file
 * @param compressedSize bytes the group occupies on disk
 * @param columnStats footer statistics of each flat column (not of NESTED ones), in schema order
 */
public record ParquetRowGroup(
    int index,
    long firstRow,
    long rowCount,
    long byteOffset,
    long compressedSize,
    List<ParquetColumnStats> columnStats) {

  public ParquetRowGroup {
    columnStats = List.copyOf(columnStats);
  }
}
