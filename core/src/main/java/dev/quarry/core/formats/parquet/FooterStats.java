package dev.quarry.core.formats.parquet;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.ValueType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;

/**
 * Reads the row-group layout and column statistics out of a footer, decoding min/max into Quarry
 * values. NESTED columns get none: their leaf statistics describe list elements, not the column.
 */
final class FooterStats {

  private FooterStats() {}

  static List<ParquetRowGroup> rowGroups(List<BlockMetaData> blocks, List<Column> columns) {
    List<ParquetRowGroup> groups = new ArrayList<>(blocks.size());
    long firstRow = 0;
    for (int i = 0; i < blocks.size(); i++) {
      BlockMetaData block = blocks.get(i);
      Map<String, ColumnChunkMetaData> chunks = chunksByPath(block);
      List<ParquetColumnStats> stats = new ArrayList<>();
      for (Column column : columns) {
        ColumnChunkMetaData chunk = chunks.get(column.sourcePath());
        if (column.type() != ValueType.NESTED && chunk != null) {
          stats.add(chunkStats(column.name(), chunk));
        }
      }
      groups.add(
          new ParquetRowGroup(
              i, firstRow, block.getRowCount(), block.getStartingPos(), block.getCompressedSize(), stats));
      firstRow += block.getRowCount();
    }
    return groups;
  }

  /** File-wide statistics per flat column: min of mins, max of maxes, sum of null counts. */
  static List<ParquetColumnStats> merged(List<BlockMetaData> blocks, List<Column> columns) {
    List<ParquetColumnStats> out = new ArrayList<>();
    List<Map<String, ColumnChunkMetaData>> chunksPerBlock = new ArrayList<>();
    for (BlockMetaData block : blocks) {
      chunksPerBlock.add(chunksByPath(block));
    }
    for (Column column : columns) {
      if (column.type() == ValueType.NESTED) {
        continue;
      }
      List<ColumnChunkMetaData> chunks = new ArrayList<>();
      for (Map<String, ColumnChunkMetaData> byPath : chunksPerBlock) {
        ColumnChunkMetaData chunk = byPath.get(column.sourcePath());
        if (chunk != null) {
          chunks.add(chunk);
        }
      }
      if (!chunks.isEmpty() || blocks.isEmpty()) {
        out.add(merge(column.name(), chunks));
      }
    }
    return out;
  }

  private static Map<String, ColumnChunkMetaData> chunksByPath(BlockMetaData block) {
    Map<String, ColumnChunkMetaData> byPath = new HashMap<>();
    for (ColumnChunkMetaData chunk : block.getColumns()) {
      byPath.put(chunk.getPath().toDotString(), chunk);
    }
    return byPath;
  }

  private static ParquetColumnStats chunkStats(String name, ColumnChunkMetaData chunk) {
    Statistics<?> s = chunk.getStatistics();
    boolean known = s != null && !s.isEmpty();
    long nulls = known && s.isNumNullsSet() ? s.getNumNulls() : -1;
    if (!known || !s.hasNonNullValue()) {
      return new ParquetColumnStats(name, null, null, nulls);
    }
    ValueDecoder decoder = new ValueDecoder(chunk.getPrimitiveType());
    return new ParquetColumnStats(
        name, decoder.decode(s.genericGetMin()), decoder.decode(s.genericGetMax()), nulls);
  }

  private static ParquetColumnStats merge(String name, List<ColumnChunkMetaData> chunks) {
    long nulls = 0;
    boolean minMaxKnown = true;
    Comparable<?>[] minMax = null;
    Statistics<?> any = null;
    for (ColumnChunkMetaData chunk : chunks) {
      Statistics<?> s = chunk.getStatistics();
      boolean known = s != null && !s.isEmpty();
      nulls = known && s.isNumNullsSet() && nulls >= 0 ? nulls + s.getNumNulls() : -1;
      if (known && s.hasNonNullValue()) {
        minMax = widen(s, minMax);
        any = s;
      } else if (!(known && s.isNumNullsSet() && s.getNumNulls() == chunk.getValueCount())) {
        minMaxKnown = false; // values present but no bounds recorded for them
      }
    }
    if (!minMaxKnown || minMax == null) {
      return new ParquetColumnStats(name, null, null, nulls);
    }
    ValueDecoder decoder = new ValueDecoder(any.type());
    return new ParquetColumnStats(name, decoder.decode(minMax[0]), decoder.decode(minMax[1]), nulls);
  }

  /** Widens {@code bounds} (null at first) by a chunk's min and max, in the column's sort order. */
  @SuppressWarnings("unchecked")
  private static <T extends Comparable<T>> Comparable<?>[] widen(Statistics<T> s, Comparable<?>[] bounds) {
    T min = s.genericGetMin();
    T max = s.genericGetMax();
    if (bounds == null) {
      return new Comparable<?>[] {min, max};
    }
    if (s.comparator().compare(min, (T) bounds[0]) < 0) {
      bounds[0] = min;
    }
    if (s.comparator().compare(max, (T) bounds[1]) > 0) {
      bounds[1] = max;
    }
    return bounds;
  }
}
