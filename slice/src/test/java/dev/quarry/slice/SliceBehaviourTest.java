package dev.quarry.slice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.slice.Samples.Sample;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Parquet slicing, malformed objects, idempotence and staleness, read-only data, 64-bit offsets. */
class SliceBehaviourTest {

  @TempDir static Path dir;
  static ReadOnlyDataS3 s3;
  static FileIO io;
  static LocalEngine engine;

  @BeforeAll
  static void start() throws Exception {
    s3 = ReadOnlyDataS3.start();
    io = s3.quarryIO();
    engine = LocalEngine.builder().workers(2).build();
    SliceRoundTripTest.s3 = s3;
    SliceRoundTripTest.io = io;
  }

  @AfterAll
  static void stop() throws Exception {
    engine.close();
    io.close();
    s3.close();
  }

  static PreprocessOptions tiny(Location meta) {
    return SliceRoundTripTest.tiny(meta);
  }

  // ---------------------------------------------------------------- Parquet

  @Test
  void parquetSlicesAreRunsOfRowGroupsAndConcatenateToAllRows() throws IOException {
    Path file = dir.resolve("rows.parquet");
    Samples.parquet(file, 1000, 100);
    Location s3Object = ReadOnlyDataS3.data("rows.parquet");
    SliceRoundTripTest.put(s3Object, Files.readAllBytes(file));
    List<Long> expected = new ArrayList<>();
    for (long i = 0; i < 1000; i++) {
      expected.add(i);
    }
    for (Location object : List.of(Location.ofLocal(file), s3Object)) {
      Location meta = object.isS3() ? ReadOnlyDataS3.meta("rows") : null;
      Slicer slicer = new Slicer(io, engine);
      SliceIndex index = slicer.preprocess(object, "parquet", tiny(meta)).index();
      assertThat(index.records()).isEqualTo(1000);
      int groups = index.rowGroups().size();
      assertThat(groups).isGreaterThanOrEqualTo(5);
      for (int n : SliceRoundTripTest.COUNTS) {
        for (PartitionStrategy strategy :
            List.of(
                PartitionStrategy.slices(n),
                PartitionStrategy.bytes(Math.max(1, index.objectSize() / n)),
                PartitionStrategy.records((1000 + n - 1) / n),
                PartitionStrategy.rowGroups((groups + n - 1) / n))) {
          List<Slice> slices = slicer.partition(object, "parquet", meta, strategy);
          assertThat(ids(slices)).as(object + " " + strategy).isEqualTo(expected);
          if (strategy instanceof PartitionStrategy.SliceCount) {
            assertThat(slices).hasSizeBetween(1, n);
          }
          long first = 0;
          for (Slice s : slices) {
            assertThat(s.firstRecord()).isEqualTo(first);
            first += s.records();
          }
        }
      }
    }
  }

  private static List<Long> ids(List<Slice> slices) throws IOException {
    Pattern id = Pattern.compile("^\\{\"id\":(\\d+),");
    List<Long> ids = new ArrayList<>();
    for (String row : SliceRoundTripTest.readAll(slices)) {
      Matcher m = id.matcher(row);
      assertThat(m.find()).as(row).isTrue();
      ids.add(Long.parseLong(m.group(1)));
    }
    return ids;
  }

  // ---------------------------------------------------------------- malformed objects

  @Test
  void fastqRecordWithoutPlusLineIsNamedWithItsOffset() throws IOException {
    StringBuilder text = new StringBuilder();
    long badLine = -1;
    for (int i = 0; i < 200; i++) {
      String read = Samples.fastqRead(i, 9);
      if (i == 137) {
        String[] lines = read.split("\n");
        badLine = text.length() + lines[0].length() + 1 + lines[1].length() + 1;
        read = lines[0] + "\n" + lines[1] + "\n" + lines[3] + "\n"; // no '+' line
      }
      text.append(read);
    }
    Path file = write("bad.fastq", text.toString());
    long expected = badLine;
    assertThatThrownBy(() -> new Slicer(io, engine).preprocess(Location.ofLocal(file), "fastq", tiny(null)))
        .isInstanceOf(SliceException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("at byte " + expected)
        .hasMessageContaining("missing its '+' line")
        .satisfies(e -> assertThat(((SliceException) e).offset()).isEqualTo(expected));
    assertThat(Files.exists(dir.resolve("bad.fastq.quarry-slice"))).isFalse();
  }

  @Test
  void fastqEndingMidRecordIsTruncated() throws IOException {
    String whole = Samples.fastqRead(0, 1) + Samples.fastqRead(1, 1);
    String lastTwoLines = "@read2/1\nACGT\n";
    Path file = write("short.fastq", whole + lastTwoLines);
    assertThatThrownBy(() -> new Slicer(io, engine).preprocess(Location.ofLocal(file), "fastq", tiny(null)))
        .isInstanceOf(SliceException.class)
        .hasMessageContaining("at byte " + whole.length())
        .hasMessageContaining("truncated FASTQ record");
  }

  /** An export cut off inside a quoted field: the error names where that field opened. */
  @Test
  void csvWithUnclosedQuoteIsNamedWithTheQuoteOffset() throws IOException {
    Sample csv = Samples.csv(300, 11);
    String text = new String(csv.bytes(), StandardCharsets.UTF_8);
    int quote = text.indexOf("\r\n250,\"") + "\r\n250,".length();
    String broken = text.substring(0, quote + 5); // ends inside the quoted name of record 250
    Path file = write("bad.csv", broken);
    Location object = ReadOnlyDataS3.data("bad.csv");
    SliceRoundTripTest.put(object, broken.getBytes(StandardCharsets.UTF_8));
    for (Location where : List.of(Location.ofLocal(file), object)) {
      Location meta = where.isS3() ? ReadOnlyDataS3.meta("bad") : null;
      assertThatThrownBy(() -> new Slicer(io, engine).preprocess(where, "csv", tiny(meta)))
          .isInstanceOf(SliceException.class)
          .hasMessageContaining(where.toString())
          .hasMessageContaining("at byte " + quote + ": unclosed quote");
    }
  }

  @Test
  void truncatedGzipIsRefusedWithTheCompressedOffset() throws IOException {
    Sample gz = Samples.gzip(Samples.fastq(400, 3), 1, 700);
    byte[] cut = Arrays.copyOf(gz.bytes(), gz.bytes().length / 2);
    Path file = dir.resolve("cut.fastq.gz");
    Files.write(file, cut);
    assertThatThrownBy(() -> new Slicer(io, engine).preprocess(Location.ofLocal(file), "fastq.gz", tiny(null)))
        .isInstanceOf(SliceException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("truncated gzip data")
        .hasMessageContaining("offset");
    assertThat(Files.exists(dir.resolve("cut.fastq.gz.quarry-slice"))).isFalse();
  }

  @Test
  void unknownFormatAndMissingIndexAreClear() throws IOException {
    Path file = write("plain.txt", "a\nb\n");
    Path gz = dir.resolve("reads.fastq.gz");
    Files.write(gz, Samples.gzip(Samples.fastq(10, 1), 1, 100).bytes());
    assertThatThrownBy(() -> new Slicer(io, engine).preprocess(Location.ofLocal(gz), "fastq", tiny(null)))
        .isInstanceOf(SliceException.class)
        .hasMessageContaining("gzip-compressed: use --format fastq.gz");
    assertThatThrownBy(() -> SliceFormats.get("xls"))
        .isInstanceOf(SliceException.class)
        .hasMessageContaining("unknown slice format 'xls'")
        .hasMessageContaining("fastq.gz");
    assertThatThrownBy(
            () -> new Slicer(io, engine).partition(Location.ofLocal(file), "text", null, PartitionStrategy.slices(2)))
        .isInstanceOf(SliceException.class)
        .hasMessageContaining("preprocess it first");
    assertThatThrownBy(
            () -> {
              new Slicer(io, engine).preprocess(Location.ofLocal(file), "text", tiny(null));
              new Slicer(io, engine).partition(Location.ofLocal(file), "text", null, PartitionStrategy.rowGroups(2));
            })
        .isInstanceOf(SliceException.class)
        .hasMessageContaining("Parquet strategy");
  }

  // ---------------------------------------------------------------- idempotence, staleness, read-only data

  @Test
  void preprocessIsIdempotentAndAChangedObjectIsRefused() throws IOException {
    Location object = ReadOnlyDataS3.data("changing.jsonl");
    Location meta = ReadOnlyDataS3.meta("changing");
    Sample first = Samples.jsonl(200, 1);
    SliceRoundTripTest.put(object, first.bytes());
    Slicer slicer = new Slicer(io, engine);
    assertThat(slicer.preprocess(object, "jsonl", tiny(meta)).reused()).isFalse();
    assertThat(slicer.preprocess(object, "jsonl", tiny(meta)).reused()).isTrue();
    assertThat(slicer.preprocess(object, "jsonl", tiny(meta).withForce(true)).reused()).isFalse();
    List<Slice> old = slicer.partition(object, "jsonl", meta, PartitionStrategy.slices(3));

    Sample second = Samples.jsonl(250, 2);
    SliceRoundTripTest.put(object, second.bytes());
    assertThatThrownBy(() -> slicer.partition(object, "jsonl", meta, PartitionStrategy.slices(3)))
        .isInstanceOf(StaleIndexException.class)
        .hasMessageContaining("stale")
        .hasMessageContaining("force");
    assertThatThrownBy(() -> slicer.preprocess(object, "jsonl", tiny(meta)))
        .isInstanceOf(StaleIndexException.class);
    assertThatThrownBy(() -> old.get(1).open(io))
        .isInstanceOf(StaleIndexException.class)
        .hasMessageContaining("changed since it was sliced");

    assertThat(slicer.preprocess(object, "jsonl", tiny(meta).withForce(true)).index().records())
        .isEqualTo(250);
    List<Slice> fresh = slicer.partition(object, "jsonl", meta, PartitionStrategy.slices(3));
    assertThat(SliceRoundTripTest.readAll(fresh)).isEqualTo(second.recordStrings());
  }

  @Test
  void theDataBucketIsReadOnlyAndMetadataGoesElsewhere() throws IOException {
    Location object = ReadOnlyDataS3.data("ro.txt");
    SliceRoundTripTest.put(object, Samples.text(50, 1).bytes());
    assertThatThrownBy(() -> io.newOutputFile(ReadOnlyDataS3.data("x")).write(out -> out.write(1)))
        .isInstanceOf(IOException.class);
    // beside the object is in the read-only bucket: refused by the server, nothing written
    assertThatThrownBy(() -> new Slicer(io, engine).preprocess(object, "text", tiny(null)))
        .isInstanceOf(SliceException.class)
        .hasMessageContaining("cannot write the slice index to s3://data/ro.txt.quarry-slice")
        .hasMessageContaining("give a writable metadata location");
    assertThat(io.exists(ReadOnlyDataS3.data("ro.txt.quarry-slice/text.index.json"))).isFalse();
    Location meta = ReadOnlyDataS3.meta("ro");
    new Slicer(io, engine).preprocess(object, "text", tiny(meta));
    assertThat(io.exists(meta.resolve("text.index.json"))).isTrue();
    assertThat(io.exists(meta.resolve("text.anchors"))).isTrue();
    assertThat(io.exists(meta.resolve("text.preprocessing"))).isFalse();
  }

  @Test
  void aCancelledPreprocessWritesNothing() throws IOException {
    Path text = dir.resolve("cancel.txt");
    Files.write(text, Samples.text(300, 4).bytes());
    Path gz = dir.resolve("cancel.fastq.gz");
    Files.write(gz, Samples.gzip(Samples.fastq(300, 4), 1, 500).bytes());
    dev.quarry.core.engine.Cancellation cancelled = new dev.quarry.core.engine.Cancellation();
    cancelled.cancel();
    for (String[] c : new String[][] {{text.toString(), "text"}, {gz.toString(), "fastq.gz"}}) {
      Location object = Location.parse(c[0]);
      assertThatThrownBy(() -> new Slicer(io, engine).preprocess(object, c[1], tiny(null), cancelled))
          .isInstanceOf(java.util.concurrent.CancellationException.class);
      assertThat(Files.exists(Path.of(c[0] + ".quarry-slice", c[1] + ".index.json"))).isFalse();
    }
  }

  // ---------------------------------------------------------------- 64-bit offsets

  /**
   * A sparse FASTA object of 4 GiB + a few bytes: the first sequence absorbs the zero-filled gap,
   * two more sequences lie beyond 4 GiB. Offsets past 2^32 must survive scanning, anchors, the
   * index, slices and JSON.
   */
  @Test
  void offsetsBeyondFourGibibytes() throws IOException {
    Path file = dir.resolve("sparse.fasta");
    long far = (4L << 30) + 100;
    String tail = ">b far away\nACGT\n>c\nGGCC\n";
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(">a\nACGT\n".getBytes(StandardCharsets.US_ASCII));
      raf.seek(far - 1);
      raf.write('\n');
      raf.write(tail.getBytes(StandardCharsets.US_ASCII));
    }
    Location object = Location.ofLocal(file);
    Slicer slicer = new Slicer(io, engine);
    PreprocessOptions options =
        PreprocessOptions.defaults().withChunkBytes(256L << 20).withAnchorSpacing(1L << 30);
    SliceIndex index = slicer.preprocess(object, "fasta", options).index();
    assertThat(index.records()).isEqualTo(3);
    assertThat(index.objectSize()).isEqualTo(far + tail.length());
    List<Slice> slices = slicer.partition(object, "fasta", null, PartitionStrategy.records(1));
    assertThat(slices).hasSize(3);
    assertThat(slices.get(1).start()).isEqualTo(far);
    assertThat(slices.get(2).start()).isEqualTo(far + ">b far away\nACGT\n".length());
    List<Slice> viaJson =
        SliceJson.readSlices(
            new java.io.ByteArrayInputStream(SliceJson.toJson(slices).getBytes(StandardCharsets.UTF_8)), "json");
    assertThat(SliceRoundTripTest.readAll(viaJson.subList(1, 3)))
        .containsExactly(">b far away\nACGT\n", ">c\nGGCC\n");
    List<Slice> bySize = slicer.partition(object, "fasta", null, PartitionStrategy.bytes(1L << 31));
    assertThat(bySize.get(bySize.size() - 1).start()).isEqualTo(far);
  }

  private static Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
