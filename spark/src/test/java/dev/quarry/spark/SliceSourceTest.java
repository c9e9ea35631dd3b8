package dev.quarry.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.S3ProxyServer;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code spark.read.format("quarry")}: one partition per slice, every record once, in order. */
class SliceSourceTest {

  static SparkSession spark;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = SparkSession.builder().master("local[2]").appName("quarry-source-test")
        .config("spark.ui.enabled", "false").getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static String fastq(int reads) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < reads; i++) {
      b.append("@read").append(i).append(" lane=1\n").append("ACGT".repeat(5 + i % 7)).append("\n+\n")
          .append("I".repeat(4 * (5 + i % 7))).append("\n");
    }
    return b.toString();
  }

  @Test
  void readsGzipFastqAsReadsOnePartitionPerSlice() throws Exception {
    Path gz = dir.resolve("reads.fastq.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(fastq(20_000).getBytes(StandardCharsets.US_ASCII));
    }
    Dataset<Row> df = spark.read().format("quarry").option("format", "fastq.gz").option("slices", 7)
        .load(gz.toString());
    assertThat(df.schema().fieldNames()).containsExactly("id", "sequence", "quality");
    assertThat(df.rdd().getNumPartitions()).isEqualTo(7);
    List<Row> rows = df.collectAsList();
    assertThat(rows).hasSize(20_000);
    for (int i = 0; i < rows.size(); i += 997) {
      assertThat(rows.get(i).getString(0)).isEqualTo("read" + i + " lane=1");
      assertThat(rows.get(i).getString(1)).isEqualTo("ACGT".repeat(5 + i % 7));
      assertThat(rows.get(i).getString(2)).hasSize(4 * (5 + i % 7));
    }
    // The index was made beside the object, by a Spark job, and is reused the next time.
    assertThat(Files.isDirectory(dir.resolve("reads.fastq.gz.quarry-slice"))).isTrue();
    assertThat(spark.read().format("quarry").option("format", "fastq.gz").option("records", 1000)
        .load(gz.toString()).rdd().getNumPartitions()).isEqualTo(20);
  }

  @Test
  void readsCsvWithQuotedNewlinesFromS3IntoColumns() throws Exception {
    try (S3ProxyServer s3 = S3ProxyServer.start()) {
      s3.createBucket("data");
      StringBuilder csv = new StringBuilder("id,note,city\r\n");
      List<String> notes = new ArrayList<>();
      for (int i = 0; i < 5000; i++) {
        String note = i % 3 == 0 ? "line one\nline, two " + i : "plain " + i;
        notes.add(note);
        csv.append(i).append(",\"").append(note).append("\",Paris\r\n");
      }
      FileIO io = s3.newFileIO();
      io.newOutputFile(Location.parse("s3://data/notes.csv"))
          .write(out -> out.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
      Dataset<Row> df = spark.read().format("quarry").option("format", "csv").option("slices", 5)
          .option("meta", "s3://data/meta/")
          .option("s3.endpoint", s3.endpoint().toString()).option("s3.region", S3ProxyServer.REGION)
          .option("s3.accessKey", S3ProxyServer.ACCESS_KEY).option("s3.secretKey", S3ProxyServer.SECRET_KEY)
          .load("s3://data/notes.csv");
      assertThat(df.schema().fieldNames()).containsExactly("id", "note", "city");
      List<Row> rows = df.collectAsList();
      assertThat(rows).hasSize(5000);
      for (int i = 0; i < rows.size(); i++) {
        assertThat(rows.get(i).getString(0)).isEqualTo("" + i);
        assertThat(rows.get(i).getString(1)).isEqualTo(notes.get(i));
        assertThat(rows.get(i).getString(2)).isEqualTo("Paris");
      }
      assertThat(df.rdd().getNumPartitions()).isEqualTo(5);
    }
  }

  @Test
  void badOptionsFailWithAClearMessage() throws Exception {
    Path text = Files.writeString(dir.resolve("a.txt"), "x\ny\n");
    assertThatThrownBy(() -> spark.read().format("quarry").load(text.toString()))
        .hasMessageContaining("option \"format\" is required");
    assertThatThrownBy(() -> spark.read().format("quarry").option("format", "text")
        .option("preprocess", "never").load(text.toString()))
        .hasMessageContaining(text.toString());
    List<Row> rows = spark.read().format("quarry").option("format", "text").load(text.toString())
        .collectAsList();
    assertThat(rows).extracting(r -> r.getString(0)).containsExactly("x", "y");
  }
}
