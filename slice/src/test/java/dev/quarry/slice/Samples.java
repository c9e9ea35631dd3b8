package dev.quarry.slice;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Test objects made here, with the records they hold: each sample knows its exact bytes, its
 * header and the bytes of every record, so slices can be checked against them.
 */
final class Samples {

  /** An object's bytes, its header and its records' bytes, in order. */
  record Sample(String format, byte[] bytes, byte[] header, List<byte[]> records) {
    List<String> recordStrings() {
      return records.stream().map(r -> new String(r, StandardCharsets.ISO_8859_1)).toList();
    }
  }

  private Samples() {}

  private static final class Builder {
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] header = new byte[0];
    final List<byte[]> records = new ArrayList<>();

    void header(String text) {
      header = text.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(header);
    }

    void record(String text) {
      byte[] b = text.getBytes(StandardCharsets.UTF_8);
      records.add(b);
      out.writeBytes(b);
    }

    Sample build(String format) {
      return new Sample(format, out.toByteArray(), header, records);
    }
  }

  static Sample text(int lines, long seed) {
    Random r = new Random(seed);
    Builder b = new Builder();
    for (int i = 0; i < lines; i++) {
      String line = i % 17 == 5 ? "" : "line " + i + " " + "x".repeat(r.nextInt(80));
      b.record(i == lines - 1 ? line + "tail without newline" : line + "\n");
    }
    return b.build("text");
  }

  /** Quoted commas, quoted LF and CRLF newlines, doubled quotes, CRLF record ends. */
  static Sample csv(int rows, long seed) {
    Random r = new Random(seed);
    Builder b = new Builder();
    b.header("id,name,note\r\n");
    for (int i = 0; i < rows; i++) {
      String note =
          switch (i % 5) {
            case 0 -> "\"a, quoted, comma\"";
            case 1 -> "\"two\nlines\"";
            case 2 -> "\"crlf\r\ninside \"\"quotes\"\"\r\n\"";
            case 3 -> "plain" + r.nextInt(1000);
            default -> "\"\"";
          };
      String end = i == rows - 1 ? "" : "\r\n";
      b.record(i + ",\"name " + "y".repeat(r.nextInt(40)) + "\"," + note + end);
    }
    return b.build("csv");
  }

  static Sample tsv(int rows, long seed) {
    Random r = new Random(seed);
    Builder b = new Builder();
    b.header("id\tsize\tlabel\n");
    for (int i = 0; i < rows; i++) {
      b.record(i + "\t" + r.nextInt(100) + "\t5\" screen " + "z".repeat(r.nextInt(30)) + "\n");
    }
    return b.build("tsv");
  }

  static Sample jsonl(int rows, long seed) {
    Random r = new Random(seed);
    Builder b = new Builder();
    for (int i = 0; i < rows; i++) {
      b.record(
          "{\"id\":" + i + ",\"text\":\"a \\\"quoted\\\" \\n escaped newline "
              + "w".repeat(r.nextInt(50)) + "\"}\n");
    }
    return b.build("jsonl");
  }

  static Sample fasta(int sequences, long seed) {
    Random r = new Random(seed);
    Builder b = new Builder();
    b.header(";a comment line before the first sequence\n");
    for (int i = 0; i < sequences; i++) {
      StringBuilder s = new StringBuilder(">seq" + i + " description\n");
      int length = 1 + r.nextInt(300);
      for (int j = 0; j < length; j++) {
        s.append("ACGT".charAt(r.nextInt(4)));
        if (j % 60 == 59 || j == length - 1) {
          s.append('\n');
        }
      }
      b.record(s.toString());
    }
    return b.build("fasta");
  }

  /** Quality lines that begin with '@' and '+' make naive record detection fail. */
  static Sample fastq(int reads, long seed) {
    Builder b = new Builder();
    for (int i = 0; i < reads; i++) {
      b.record(fastqRead(i, seed));
    }
    return b.build("fastq");
  }

  static String fastqRead(int i, long seed) {
    Random r = new Random(seed * 31 + i);
    int length = 20 + r.nextInt(80);
    StringBuilder seq = new StringBuilder();
    StringBuilder qual = new StringBuilder();
    for (int j = 0; j < length; j++) {
      seq.append("ACGTN".charAt(r.nextInt(5)));
      qual.append((char) ('!' + r.nextInt(40)));
    }
    if (i % 3 == 0) {
      qual.setCharAt(0, '@');
    } else if (i % 3 == 1) {
      qual.setCharAt(0, '+');
    }
    return "@read" + i + "/1\n" + seq + "\n+\n" + qual + "\n";
  }

  static Sample vcf(int variants, long seed) {
    Random r = new Random(seed);
    Builder b = new Builder();
    b.header(
        "##fileformat=VCFv4.2\n##source=quarry-test\n##contig=<ID=1,length=1000000>\n"
            + "#CHROM\tPOS\tID\tREF\tALT\tQUAL\tFILTER\tINFO\n");
    for (int i = 0; i < variants; i++) {
      b.record("1\t" + (100 + i * 7) + "\trs" + i + "\tA\tG\t" + r.nextInt(60) + "\tPASS\tDP=" + r.nextInt(99) + "\n");
    }
    return b.build("vcf");
  }

  /**
   * The sample gzip-compressed as {@code members} concatenated members, each flushed every
   * {@code flushEvery} bytes so that it holds many deflate blocks (places to start from).
   */
  static Sample gzip(Sample sample, int members, int flushEvery) throws IOException {
    byte[] bytes = sample.bytes();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int per = (bytes.length + members - 1) / members;
    for (int m = 0; m < members; m++) {
      int from = Math.min(bytes.length, m * per);
      int to = Math.min(bytes.length, from + per);
      GZIPOutputStream gz = new GZIPOutputStream(out, 512, true);
      for (int i = from; i < to; i += flushEvery) {
        gz.write(bytes, i, Math.min(flushEvery, to - i));
        gz.flush();
      }
      gz.finish();
    }
    return new Sample(sample.format() + ".gz", out.toByteArray(), sample.header(), sample.records());
  }

  static final MessageType PARQUET_SCHEMA =
      MessageTypeParser.parseMessageType(
          "message row { required int64 id; required binary name (STRING); required double score; }");

  /** A Parquet file with row groups of {@code perGroup} rows; records are the ids 0..rows-1. */
  static void parquet(Path path, int rows, int perGroup) throws IOException {
    SimpleGroupFactory groups = new SimpleGroupFactory(PARQUET_SCHEMA);
    try (ParquetWriter<Group> writer =
        ExampleParquetWriter.builder(new LocalOutputFile(path))
            .withType(PARQUET_SCHEMA)
            .withRowGroupRowCountLimit(perGroup)
            .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
            .build()) {
      for (int i = 0; i < rows; i++) {
        Group g = groups.newGroup();
        g.append("id", (long) i);
        g.append("name", "row-" + i);
        g.append("score", i * 0.5);
        writer.write(g);
      }
    }
  }
}
