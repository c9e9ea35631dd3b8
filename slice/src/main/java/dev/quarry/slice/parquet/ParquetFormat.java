package dev.quarry.slice.parquet;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.parquet.ParquetRowGroup;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
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
import dev.quarry.slice.SliceJson;
import dev.quarry.slice.Slices;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;

/**
 * Parquet: the row group is the unit. Preprocessing reads only the footer (the row-group map);
 * a slice is a run of whole row groups, read with range requests for their column chunks. Rows
 * have no bytes of their own, so a slice yields each row as a JSON line.
 */
public final class ParquetFormat implements SliceFormat {

  private static final ObjectWriter ROW_WRITER =
      SliceJson.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

  @Override
  public String name() {
    return "parquet";
  }

  @Override
  public PreparedObject preprocess(PreprocessJob job) throws IOException {
    InputFile file = job.object();
    ParquetTable table = ParquetTable.open(file);
    List<SliceIndex.RowGroup> groups = new ArrayList<>();
    for (ParquetRowGroup g : table.rowGroups()) {
      groups.add(
          new SliceIndex.RowGroup(g.index(), g.firstRow(), g.rowCount(), g.byteOffset(), g.compressedSize()));
    }
    SliceIndex index =
        new SliceIndex(
            SliceIndex.FORMAT_VERSION, name(), file.location().toString(), file.status().version(),
            file.length(), file.length(), new byte[0], 0, table.rowCount(), 0, 0, groups);
    return new PreparedObject(index, new Anchors(new long[0], new long[0]));
  }

  @Override
  public List<Slice> partition(PreparedObject object, PartitionStrategy strategy, PartitionJob job)
      throws IOException {
    List<SliceIndex.RowGroup> groups = object.index().rowGroups();
    List<Integer> starts = new ArrayList<>(); // first row group of each slice
    if (strategy instanceof PartitionStrategy.RowGroupsPerSlice g) {
      for (int i = 0; i < groups.size(); i += g.rowGroups()) {
        starts.add(i);
      }
    } else if (strategy instanceof PartitionStrategy.RecordsPerSlice r) {
      cutWhen(groups, starts, r.records(), SliceIndex.RowGroup::rows);
    } else if (strategy instanceof PartitionStrategy.BytesPerSlice b) {
      cutWhen(groups, starts, b.bytes(), SliceIndex.RowGroup::size);
    } else if (strategy instanceof PartitionStrategy.SliceCount c) {
      long total = groups.stream().mapToLong(SliceIndex.RowGroup::size).sum();
      long done = 0;
      int next = 1; // the slice whose first group is still to be found
      for (int i = 0; i < groups.size(); i++) {
        if (i == 0) {
          starts.add(0);
        } else if (next < c.count() && done * c.count() >= next * total) {
          starts.add(i); // the bytes before group i reach next/count of the total
          while (next < c.count() && done * c.count() >= next * total) {
            next++;
          }
        }
        done += groups.get(i).size();
      }
    } else {
      throw new SliceException("unknown partition strategy " + strategy);
    }
    SliceIndex index = object.index();
    List<Slice> slices = new ArrayList<>();
    for (int s = 0; s < starts.size(); s++) {
      int first = starts.get(s);
      int end = s + 1 < starts.size() ? starts.get(s + 1) : groups.size();
      SliceIndex.RowGroup a = groups.get(first);
      SliceIndex.RowGroup z = groups.get(end - 1);
      long rows = z.firstRow() + z.rows() - a.firstRow();
      slices.add(
          new Slice(
              s, name(), index.object(), index.objectVersion(), index.objectSize(), a.offset(),
              z.offset() + z.size(), a.firstRow(), rows,
              List.of(new ByteRange(a.offset(), z.offset() + z.size())), new byte[0], null, first,
              end - first));
    }
    return slices;
  }

  /** Starts a new slice once the current one reached {@code limit} by {@code measure}. */
  private static void cutWhen(
      List<SliceIndex.RowGroup> groups, List<Integer> starts, long limit,
      java.util.function.ToLongFunction<SliceIndex.RowGroup> measure) {
    long current = 0;
    for (int i = 0; i < groups.size(); i++) {
      if (i == 0 || current >= limit) {
        starts.add(i);
        current = 0;
      }
      current += measure.applyAsLong(groups.get(i));
    }
  }

  @Override
  public RecordStream open(Slice slice, FileIO io) throws IOException {
    InputFile file = Slices.checkedInput(slice, io);
    ParquetTable table = ParquetTable.open(file);
    RecordReader reader = table.open(slice.firstRowGroup(), slice.rowGroupCount());
    Schema schema = reader.schema();
    return new RecordStream() {
      @Override
      public byte[] next() throws IOException {
        Object[] row = reader.next();
        if (row == null) {
          return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        for (int i = 0; i < row.length; i++) {
          json.put(schema.column(i).name(), row[i]);
        }
        return (ROW_WRITER.writeValueAsString(json) + "\n")
            .getBytes(StandardCharsets.UTF_8);
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }
    };
  }
}
