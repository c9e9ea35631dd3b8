package dev.quarry.spark.source;

import dev.quarry.core.storage.FileIO;
import dev.quarry.slice.RecordStream;
import dev.quarry.slice.Slice;
import java.io.IOException;
import java.io.Serializable;
import java.util.Set;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** An object read as slices: one input partition per slice, planned when the scan is built. */
final class SliceTable implements SupportsRead {

  private final SliceOptions options;
  private final StructType schema;

  SliceTable(SliceOptions options, StructType schema) {
    this.options = options;
    this.schema = schema;
  }

  @Override
  public String name() {
    return "quarry:" + options.format() + ":" + options.path();
  }

  @Override
  public StructType schema() {
    return schema;
  }

  @Override
  public Set<TableCapability> capabilities() {
    return Set.of(TableCapability.BATCH_READ);
  }

  @Override
  public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
    return () -> new SliceScan(options.plan(), schema);
  }

  /** The planned slices; Spark asks for partitions and a reader factory. */
  private record SliceScan(SliceOptions.Plan plan, StructType schema) implements Scan, Batch {
    @Override
    public StructType readSchema() {
      return schema;
    }

    @Override
    public String description() {
      return plan.slices().size() + " Quarry slices";
    }

    @Override
    public Batch toBatch() {
      return this;
    }

    @Override
    public InputPartition[] planInputPartitions() {
      return plan.slices().stream().map(SlicePartition::new).toArray(InputPartition[]::new);
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
      return new Readers(plan.io(), plan.shape());
    }
  }

  private record SlicePartition(Slice slice) implements InputPartition {}

  /** Ships to executors: the FileIO rebuilds its clients there from its config. */
  private record Readers(FileIO io, RecordShape shape) implements PartitionReaderFactory, Serializable {
    @Override
    public PartitionReader<InternalRow> createReader(InputPartition partition) {
      Slice slice = ((SlicePartition) partition).slice();
      try {
        return new SliceReader(slice.open(io), shape);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(slice.object() + " slice " + slice.index() + ": " + e.getMessage(), e);
      }
    }
  }

  private static final class SliceReader implements PartitionReader<InternalRow> {
    private final RecordStream records;
    private final RecordShape shape;
    private byte[] current;

    SliceReader(RecordStream records, RecordShape shape) {
      this.records = records;
      this.shape = shape;
    }

    @Override
    public boolean next() throws IOException {
      current = records.next();
      return current != null;
    }

    @Override
    public InternalRow get() {
      return shape.row(current);
    }

    @Override
    public void close() throws IOException {
      records.close();
    }
  }
}
