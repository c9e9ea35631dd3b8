package dev.quarry.spark.source;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.StorageConfig;
import dev.quarry.slice.PartitionStrategy;
import dev.quarry.slice.PreprocessOptions;
import dev.quarry.slice.Slice;
import dev.quarry.slice.SliceFormats;
import dev.quarry.slice.Slicer;
import dev.quarry.spark.SparkEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The source's options, checked once, and the slices they describe. */
record SliceOptions(String path, String format, String meta, PartitionStrategy strategy,
    boolean preprocess, StorageConfig storage) {

  static final long DEFAULT_SLICE_BYTES = 128L << 20;

  static SliceOptions parse(CaseInsensitiveStringMap o) {
    String path = o.get("path");
    if (path == null || path.isBlank()) {
      throw new IllegalArgumentException("quarry source: give the object to read: .load(\"s3://...\")");
    }
    String format = o.get("format");
    if (format == null || format.isBlank()) {
      throw new IllegalArgumentException("quarry source: option \"format\" is required, one of "
          + SliceFormats.names());
    }
    int given = (o.containsKey("slices") ? 1 : 0) + (o.containsKey("sliceBytes") ? 1 : 0)
        + (o.containsKey("records") ? 1 : 0);
    if (given > 1) {
      throw new IllegalArgumentException("quarry source: give one of slices, sliceBytes, records");
    }
    PartitionStrategy strategy = o.containsKey("slices")
        ? new PartitionStrategy.SliceCount(o.getInt("slices", 1))
        : o.containsKey("records") ? new PartitionStrategy.RecordsPerSlice(o.getLong("records", 1))
        : new PartitionStrategy.BytesPerSlice(o.getLong("sliceBytes", DEFAULT_SLICE_BYTES));
    String mode = o.getOrDefault("preprocess", "auto");
    if (!mode.equals("auto") && !mode.equals("never")) {
      throw new IllegalArgumentException("quarry source: preprocess must be auto or never, got " + mode);
    }
    StorageConfig storage = StorageConfig.unrestricted();
    if (o.containsKey("s3.endpoint") || o.containsKey("s3.accessKey")) {
      storage = storage.withS3(new StorageConfig.S3Settings(o.get("s3.endpoint"), o.get("s3.region"),
          o.get("s3.accessKey"), o.get("s3.secretKey"),
          o.getBoolean("s3.pathStyle", o.containsKey("s3.endpoint"))));
    }
    return new SliceOptions(path, format, o.get("meta"), strategy, mode.equals("auto"), storage);
  }

  /** The slices to read: the object's index (made now if allowed and missing), cut by the strategy. */
  Plan plan() {
    FileIO io = FileIO.create(storage);
    Location object = Location.parse(path);
    Location metaLocation = meta == null ? null : Location.parse(meta);
    try {
      Slicer slicer;
      if (preprocess) {
        // Index on the cluster itself: the same engine tasks as Quarry's own preprocess.
        SparkEngine engine = SparkEngine.wrap(JavaSparkContext.fromSparkContext(
            SparkSession.active().sparkContext()));
        slicer = new Slicer(io, engine);
        slicer.preprocess(object, format, PreprocessOptions.defaults().withMeta(metaLocation));
      } else {
        slicer = new Slicer(io);
      }
      List<Slice> slices = slicer.partition(object, format, metaLocation, strategy);
      byte[] header = slices.isEmpty() ? new byte[0] : slices.get(0).header();
      return new Plan(io, slices, RecordShape.of(format, header));
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": " + e.getMessage(), e);
    }
  }

  record Plan(FileIO io, List<Slice> slices, RecordShape shape) {}
}
