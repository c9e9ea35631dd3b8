package dev.quarry.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.engine.JavaSerialization;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.slice.Samples.Sample;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core property: for every format, every strategy and slice counts 1, 2, 3, 7 and 64, the
 * records of all slices, in order, are exactly the object's records, against S3 (read-only data
 * bucket, metadata in another bucket, real range requests) and local files. Chunks and anchors
 * are made tiny so that every object is scanned in many parallel chunks and cut between anchors.
 */
class SliceRoundTripTest {

  static final int[] COUNTS = {1, 2, 3, 7, 64};

  @TempDir static Path dir;
  static ReadOnlyDataS3 s3;
  static FileIO io;
  static LocalEngine engine;

  @BeforeAll
  static void start() throws Exception {
    s3 = ReadOnlyDataS3.start();
    io = s3.quarryIO();
    engine = LocalEngine.builder().workers(2).verifySerialization(true).build();
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
    io.close();
    s3.close();
  }

  static List<Sample> samples() throws IOException {
    List<Sample> plain = plainSamples();
    List<Sample> all = new ArrayList<>(plain);
    for (int i = 0; i < plain.size(); i++) {
      all.add(Samples.gzip(plain.get(i), i % 2 == 0 ? 1 : 3, 700)); // single and multi-member
    }
    return all;
  }

  static List<Sample> plainSamples() {
    return List.of(
        Samples.text(700, 1),
        Samples.csv(500, 2),
        Samples.tsv(600, 3),
        Samples.jsonl(400, 4),
        Samples.fasta(150, 5),
        Samples.fastq(300, 6),
        Samples.vcf(500, 7));
  }

  static PreprocessOptions tiny(Location meta) {
    return PreprocessOptions.defaults()
        .withMeta(meta)
        .withChunkBytes(997)
        .withAnchorSpacing(300)
        .withGzipSpan(2000);
  }

  @TestFactory
  Stream<DynamicTest> recordFormatsOnS3AndLocal() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Sample sample : samples()) {
      tests.add(DynamicTest.dynamicTest(sample.format() + " on s3", () -> {
        Location object = ReadOnlyDataS3.data("in/" + sample.format());
        put(object, sample.bytes());
        checkAllStrategies(sample, object, ReadOnlyDataS3.meta("idx/" + sample.format()));
      }));
      tests.add(DynamicTest.dynamicTest(sample.format() + " local", () -> {
        Path file = dir.resolve("sample." + sample.format());
        Files.write(file, sample.bytes());
        checkAllStrategies(sample, Location.ofLocal(file), null);
      }));
    }
    return tests.stream();
  }

  private void checkAllStrategies(Sample sample, Location object, Location meta) throws IOException {
    Slicer slicer = new Slicer(io, engine);
    Slicer.Preprocessed done = slicer.preprocess(object, sample.format(), tiny(meta));
    assertThat(done.index().records()).isEqualTo(sample.records().size());
    assertThat(done.index().header()).isEqualTo(sample.header());
    long records = sample.records().size();
    long size = done.index().dataSize();
    for (int n : COUNTS) {
      List<PartitionStrategy> strategies =
          List.of(
              PartitionStrategy.slices(n),
              PartitionStrategy.bytes(Math.max(1, size / n)),
              PartitionStrategy.records((records + n - 1) / n));
      for (PartitionStrategy strategy : strategies) {
        List<Slice> slices = slicer.partition(object, sample.format(), meta, strategy);
        String what = sample.format() + " " + strategy;
        assertThat(readAll(slices)).as(what).isEqualTo(sample.recordStrings());
        if (strategy instanceof PartitionStrategy.SliceCount) {
          assertThat(slices).as(what).hasSizeBetween(1, n);
        }
        if (strategy instanceof PartitionStrategy.RecordsPerSlice r) {
          assertThat(slices).as(what).hasSize((int) ((records + r.records() - 1) / r.records()));
          for (int i = 0; i + 1 < slices.size(); i++) {
            assertThat(slices.get(i).records()).isEqualTo(r.records());
          }
        }
        checkContiguous(slices, sample);
      }
    }
    // serialized slices (JSON and Java) read the same records
    List<Slice> slices = slicer.partition(object, sample.format(), meta, PartitionStrategy.slices(7));
    if (sample.format().endsWith(".gz")) { // slices start inflating mid-object, not all at byte 0
      assertThat(slices.stream().map(s -> s.ranges().get(0).start()).distinct().count())
          .isGreaterThan(2);
    }
    ByteArrayOutputStream json = new ByteArrayOutputStream();
    SliceJson.writeSlices(slices, json);
    List<Slice> fromJson = SliceJson.readSlices(new ByteArrayInputStream(json.toByteArray()), "json");
    assertThat(fromJson).isEqualTo(slices);
    assertThat(readAll(fromJson)).isEqualTo(sample.recordStrings());
    List<Slice> fromJava = new ArrayList<>();
    for (Slice s : slices) {
      fromJava.add(JavaSerialization.roundTrip(s));
    }
    assertThat(fromJava).isEqualTo(slices);
    assertThat(readAll(fromJava)).isEqualTo(sample.recordStrings());
  }

  private static void checkContiguous(List<Slice> slices, Sample sample) {
    long ordinal = 0;
    long offset = sample.header().length;
    for (int i = 0; i < slices.size(); i++) {
      Slice s = slices.get(i);
      assertThat(s.index()).isEqualTo(i);
      assertThat(s.firstRecord()).isEqualTo(ordinal);
      assertThat(s.start()).isEqualTo(offset);
      assertThat(s.records()).isPositive();
      assertThat(s.header()).isEqualTo(sample.header());
      if (!sample.format().endsWith(".gz")) {
        assertThat(s.ranges()).containsExactly(new ByteRange(s.start(), s.end()));
      }
      ordinal += s.records();
      offset = s.end();
    }
    assertThat(ordinal).isEqualTo(sample.records().size());
    assertThat(offset).isEqualTo(sample.header().length
        + sample.records().stream().mapToLong(r -> r.length).sum());
  }

  static List<String> readAll(List<Slice> slices) throws IOException {
    List<String> records = new ArrayList<>();
    for (Slice slice : slices) {
      try (RecordStream stream = slice.open(io)) {
        byte[] r;
        while ((r = stream.next()) != null) {
          records.add(new String(r, StandardCharsets.ISO_8859_1));
        }
      }
    }
    return records;
  }

  static void put(Location location, byte[] bytes) throws IOException {
    try (FileIO loader = s3.loaderIO()) {
      loader.newOutputFile(location).write(out -> out.write(bytes));
    }
  }
}
