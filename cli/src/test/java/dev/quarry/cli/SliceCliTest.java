package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SliceCliTest {

  @TempDir Path dir;

  record Result(int code, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = QuarryCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Result(code, out.toString(), err.toString());
  }

  private static String csv() {
    StringBuilder b = new StringBuilder("id,text\r\n");
    for (int i = 0; i < 300; i++) {
      b.append(i).append(",\"line one, with comma\r\nline \"\"two\"\"\"\r\n");
    }
    return b.toString();
  }

  @Test
  void preprocessPartitionAndReadEverySliceGiveBackTheRecords() throws IOException {
    String text = csv();
    Path data = dir.resolve("big.csv");
    Files.writeString(data, text);
    Path meta = dir.resolve("meta");

    Result pre = run("slice", "preprocess", data.toString(), "--format", "csv", "--meta", meta.toString(),
        "--chunk-mb", "1");
    assertThat(pre.code()).as(pre.err()).isZero();
    assertThat(pre.out()).contains("preprocessed").contains("300 records");
    assertThat(run("slice", "preprocess", data.toString(), "--format", "csv", "--meta", meta.toString()).out())
        .startsWith("already preprocessed");

    Path slicesJson = dir.resolve("slices.json");
    Result part = run("slice", "partition", data.toString(), "--format", "csv", "--meta", meta.toString(),
        "--slices", "7", "--out", slicesJson.toString());
    assertThat(part.code()).as(part.err()).isZero();
    assertThat(part.out()).contains("300 records");
    int count = Integer.parseInt(part.out().split(" ")[0]);
    assertThat(count).isBetween(2, 7);

    StringBuilder all = new StringBuilder();
    for (int i = 0; i < count; i++) {
      Path piece = dir.resolve("piece" + i);
      Result read = run("slice", "read", slicesJson.toString(), "--index", String.valueOf(i),
          "--out", piece.toString());
      assertThat(read.code()).as(read.err()).isZero();
      all.append(Files.readString(piece));
    }
    assertThat("id,text\r\n" + all).isEqualTo(text);

    Path first = dir.resolve("first");
    run("slice", "read", slicesJson.toString(), "--index", "0", "--header", "--out", first.toString());
    assertThat(Files.readString(first)).startsWith("id,text\r\n0,\"line one");
  }

  @Test
  void readWritesTheOriginalBytesToStdout() throws IOException {
    StringBuilder fastq = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      fastq.append("@r").append(i).append("\nACGT\n+\n@@+!\n");
    }
    Path data = dir.resolve("reads.fastq.gz");
    try (GZIPOutputStream gz = new GZIPOutputStream(Files.newOutputStream(data))) {
      gz.write(fastq.toString().getBytes(StandardCharsets.US_ASCII));
    }
    assertThat(run("slice", "preprocess", data.toString(), "--format", "fastq.gz").code()).isZero();
    assertThat(Files.exists(dir.resolve("reads.fastq.gz.quarry-slice/fastq.gz.index.json"))).isTrue();
    Path slicesJson = dir.resolve("s.json");
    assertThat(run("slice", "partition", data.toString(), "--format", "fastq.gz", "--records", "40",
        "--out", slicesJson.toString()).out()).startsWith("3 slices, 100 records");
    PrintStream saved = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(captured, true));
      assertThat(run("slice", "read", slicesJson.toString(), "--index", "2").code()).isZero();
    } finally {
      System.setOut(saved);
    }
    assertThat(captured.toString(StandardCharsets.US_ASCII))
        .startsWith("@r80\nACGT\n+\n@@+!\n")
        .endsWith("@r99\nACGT\n+\n@@+!\n")
        .hasLineCount(80);
  }

  @Test
  void mistakesExitTwoWithOneLine() throws IOException {
    Path bad = dir.resolve("bad.fastq");
    Files.writeString(bad, "@r1\nACGT\n+\n!!!!\n@r2\nACGT\n!!!!\n@r3\nAC\n+\n!!\n");
    Result r = run("slice", "preprocess", bad.toString(), "--format", "fastq");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).doesNotContain("\n").contains(bad.toString()).contains("at byte 25")
        .contains("'+' line");

    Path truncated = dir.resolve("cut.csv.gz");
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
      out.write(csv().getBytes(StandardCharsets.US_ASCII));
    }
    byte[] bytes = gz.toByteArray();
    Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    r = run("slice", "preprocess", truncated.toString(), "--format", "csv.gz");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains(truncated.toString()).contains("truncated gzip data").contains("offset");

    assertThat(run("slice", "preprocess", bad.toString(), "--format", "xlsx").err())
        .contains("unknown slice format 'xlsx'");
    assertThat(run("slice", "partition", bad.toString(), "--format", "fastq", "--slices", "2", "--records", "3",
        "--out", "x.json").code()).isEqualTo(2);
    assertThat(run("slice", "partition", bad.toString(), "--format", "fastq", "--slice-bytes", "lots",
        "--out", dir.resolve("x.json").toString()).code()).isEqualTo(2);

    Path ok = dir.resolve("ok.txt");
    Files.writeString(ok, "a\nb\nc\n");
    run("slice", "preprocess", ok.toString(), "--format", "text");
    Path s = dir.resolve("ok.json");
    run("slice", "partition", ok.toString(), "--format", "text", "--slice-bytes", "2", "--out", s.toString());
    r = run("slice", "read", s.toString(), "--index", "9");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("has 3 slices");
    Files.writeString(ok, "changed\n");
    r = run("slice", "read", s.toString(), "--index", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("changed since it was sliced");
  }

  @Test
  void parsesSizes() {
    assertThat(SliceCommand.parseBytes("123")).isEqualTo(123);
    assertThat(SliceCommand.parseBytes("64K")).isEqualTo(64 << 10);
    assertThat(SliceCommand.parseBytes("64MiB")).isEqualTo(64 << 20);
    assertThat(SliceCommand.parseBytes("2g")).isEqualTo(2L << 30);
  }
}
