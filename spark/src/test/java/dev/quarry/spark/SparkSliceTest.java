package dev.quarry.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.slice.PartitionStrategy;
import dev.quarry.slice.PreprocessOptions;
import dev.quarry.slice.Slice;
import dev.quarry.slice.Slicer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slice preprocessing in chunks on Spark makes the same index and slices as on the local engine. */
class SparkSliceTest {

  static SparkEngine spark;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkEngine.builder().master("local[2]").appName("quarry-slice-test").build();
  }

  @AfterAll
  static void stop() {
    spark.close();
  }

  @Test
  void chunkedPreprocessingOnSparkEqualsLocal() throws Exception {
    StringBuilder csv = new StringBuilder("id,note\n");
    for (int i = 0; i < 40_000; i++) {
      csv.append(i).append(i % 5 == 0 ? ",\"two\nlines, " + i + "\"\n" : ",plain " + i + "\n");
    }
    Path data = Files.writeString(dir.resolve("notes.csv"), csv);
    FileIO io = FileIO.unrestricted();
    Location object = Location.parse(data.toString());
    // Small chunks and anchors: many engine tasks, and cuts near quoted newlines.
    PreprocessOptions options = PreprocessOptions.defaults().withChunkBytes(32 << 10).withAnchorSpacing(4 << 10);
    Slicer.Preprocessed local;
    try (LocalEngine engine = new LocalEngine(2)) {
      local = new Slicer(io, engine).preprocess(object, "csv",
          options.withMeta(Location.parse(dir.resolve("meta-local").toString())));
    }
    Slicer.Preprocessed onSpark = new Slicer(io, spark).preprocess(object, "csv",
        options.withMeta(Location.parse(dir.resolve("meta-spark").toString())));
    assertThat(onSpark.index().records()).isEqualTo(40_000).isEqualTo(local.index().records());
    assertThat(onSpark.index().anchorCount()).isEqualTo(local.index().anchorCount());
    for (int n : new int[] {1, 7, 64}) {
      List<Slice> a = new Slicer(io).partition(object, "csv", local.meta(), new PartitionStrategy.SliceCount(n));
      List<Slice> b = new Slicer(io).partition(object, "csv", onSpark.meta(), new PartitionStrategy.SliceCount(n));
      assertThat(b).hasSameSizeAs(a);
      for (int i = 0; i < a.size(); i++) {
        assertThat(b.get(i).ranges()).isEqualTo(a.get(i).ranges());
        assertThat(b.get(i).records()).isEqualTo(a.get(i).records());
      }
    }
  }
}
