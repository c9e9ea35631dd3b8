package dev.quarry.synth.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Concatenated fragments are byte-identical to one writer writing every row. */
class FragmentsTest {

  static Stream<OutputFormat> concatenable() {
    return OutputFormats.all().stream().filter(OutputFormat::concatenable);
  }

  @ParameterizedTest
  @MethodSource("concatenable")
  void oneThreeAndEightFragmentsGiveTheSameBytes(OutputFormat format) throws Exception {
    List<Object[]> rows = SampleTable.rows(2111); // not a multiple of 3, 8 or the SQL batch
    String whole = sha256(SampleTable.write(format, SampleTable.SCHEMA, rows));
    for (int shards : new int[] {1, 3, 8}) {
      assertThat(sha256(sharded(format, rows, shards))).as(format + " in " + shards).isEqualTo(whole);
    }
    // uneven shards, some empty, one starting exactly on a SQL batch boundary
    assertThat(sha256(sharded(format, rows, new int[] {0, 0, 500, 1, 0, 999, 611, 0})))
        .as(format + " uneven").isEqualTo(whole);
    // an empty output too
    assertThat(sha256(sharded(format, List.of(), new int[] {0, 0, 0})))
        .isEqualTo(sha256(SampleTable.write(format, SampleTable.SCHEMA, List.of())));
  }

  private static byte[] sharded(OutputFormat format, List<Object[]> rows, int shards) throws IOException {
    int[] sizes = new int[shards];
    for (int i = 0; i < shards; i++) {
      sizes[i] = (int) ((long) rows.size() * (i + 1) / shards - (long) rows.size() * i / shards);
    }
    return sharded(format, rows, sizes);
  }

  /** Writes each shard on its own, as parallel workers would, then concatenates in order. */
  private static byte[] sharded(OutputFormat format, List<Object[]> rows, int[] sizes) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int first = 0;
    for (int i = 0; i < sizes.length; i++) {
      Fragment fragment = new Fragment(i == 0, i == sizes.length - 1, first);
      ByteArrayOutputStream part = new ByteArrayOutputStream();
      try (OutputStream out = part) {
        SampleTable.write(format, SampleTable.SCHEMA, rows.subList(first, first + sizes[i]), out, fragment);
      }
      part.writeTo(all);
      first += sizes[i];
    }
    assertThat(first).isEqualTo(rows.size());
    return all.toByteArray();
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
