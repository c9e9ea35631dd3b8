package dev.quarry.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.synth.write.OutputFormat;
import dev.quarry.synth.write.OutputFormats;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The parallel writer produces the same bytes as one writer, for every worker count and format. */
class TableWriterTest {

  private static final String SCHEMA = """
      seed: 7
      tables:
        people:
          rows: 25000
          fields:
            id:    {kind: sequence, start: 1}
            name:  {kind: faker, provider: name.fullName}
            age:   {kind: int, min: 0, max: 99, nulls: 0.1}
            score: {kind: float, min: 0, max: 1}
            price: {kind: decimal, min: 0, max: 1000, scale: 2}
            born:  {kind: date, min: 1950-01-01, max: 2010-12-31}
            vip:   {kind: boolean, probability: 0.2}
            note:  {kind: text, words: {min: 1, max: 8}}
      """;

  private static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static byte[] write(String format, int workers) throws IOException {
    Synthesizer synth = Synthesizer.parse(SCHEMA);
    OutputFormat f = OutputFormats.byName(format);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LocalEngine engine = new LocalEngine(workers)) {
      TableWriter.Result r = TableWriter.write(synth, "people", f, out, engine, RunOptions.defaults());
      assertThat(r.rows()).isEqualTo(25000);
      assertThat(r.bytes()).isEqualTo(out.size());
    }
    return out.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(strings = {"csv", "tsv", "json", "jsonl", "sql:postgresql", "xml", "parquet"})
  void sameBytesForAnyNumberOfWorkers(String format) throws Exception {
    String one = sha(write(format, 1));
    assertThat(sha(write(format, 2))).isEqualTo(one);
    assertThat(sha(write(format, 3))).isEqualTo(one);
  }

  @Test
  void leavesNoTemporaryFilesAndStopsWhenCancelled() throws Exception {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    long before;
    try (var s = Files.list(tmp)) {
      before = s.filter(p -> p.getFileName().toString().startsWith("quarry-synth-")).count();
    }
    write("csv", 2);
    try (var s = Files.list(tmp)) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith("quarry-synth-")).count())
          .isEqualTo(before);
    }
    Cancellation cancel = new Cancellation();
    cancel.cancel();
    try (LocalEngine engine = new LocalEngine(2)) {
      assertThatThrownBy(() -> TableWriter.write(Synthesizer.parse(SCHEMA), "people",
              OutputFormats.CSV, new ByteArrayOutputStream(), engine,
              RunOptions.defaults().withCancellation(cancel)))
          .isInstanceOf(IOException.class).hasMessageContaining("cancelled");
    }
  }

  /**
   * An expression may return null in a column no null rate made nullable: every writer refuses it
   * with the column named, whether it writes rows one by one or blocks, and nothing is written.
   */
  @ParameterizedTest
  @ValueSource(strings = {"csv", "jsonl", "sql:postgresql"})
  void aNullFromAnExpressionInANonNullableColumnIsRefused(String format) throws Exception {
    Synthesizer synth = Synthesizer.parse("""
        seed: 1
        tables:
          t:
            rows: 5000
            fields:
              id: {kind: sequence, start: 1}
              e:  {kind: expr, expr: "id > 4000 ? null : id"}
        """);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (LocalEngine engine = new LocalEngine(2)) {
      assertThatThrownBy(() -> TableWriter.write(synth, "t", OutputFormats.byName(format), out, engine,
          RunOptions.defaults(), TableWriter.Settings.DEFAULT.withShards(4).holdingOutput()))
          .isInstanceOf(IOException.class).hasMessageContaining("column e is not nullable");
    }
    assertThat(out.size()).as("bytes written before the failure").isZero();
  }
}
