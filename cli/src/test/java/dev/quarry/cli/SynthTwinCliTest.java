package dev.quarry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code quarry profile -f json} then {@code quarry synth --from-profile}, as a user runs them. */
class SynthTwinCliTest {

  @TempDir Path dir;

  private record Run(int code, String out, String err) {}

  private static Run quarry(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = QuarryCli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path profile() throws IOException {
    Random r = new Random(3);
    StringBuilder b = new StringBuilder("city,temp,visits\n");
    for (int i = 0; i < 2000; i++) {
      b.append(String.format(Locale.ROOT, "%s,%.1f,%d%n", r.nextInt(4) == 0 ? "Oslo" : "Rome",
          15 + 5 * r.nextGaussian(), (long) (-Math.log(1 - r.nextDouble()) * 20)));
    }
    Path csv = Files.writeString(dir.resolve("weather.csv"), b.toString());
    Path json = dir.resolve("profile.json");
    Run p = quarry("profile", csv.toString(), "-f", "json", "-o", json.toString());
    assertThat(p.code()).as(p.err()).isZero();
    return json;
  }

  @Test
  void writesTheTwinTheSchemaAndTheReport() throws IOException {
    Path profile = profile();
    Path out = dir.resolve("twin");
    Path report = dir.resolve("fidelity.json");
    Path schema = dir.resolve("twin-schema.json");
    Run r = quarry("synth", "--from-profile", profile.toString(), "--rows", "5000", "--seed", "9",
        "--out", out.toString(), "--report", report.toString(), "--emit-schema", schema.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("weather: 5,000 rows");
    assertThat(r.out()).contains("ks_complement").contains("tv_complement").contains("overall fidelity: ");

    assertThat(Files.readAllLines(out.resolve("weather.csv"))).hasSize(5001).first().isEqualTo("city,temp,visits");
    JsonNode json = JsonMapper.builder().build().readTree(Files.readString(report));
    assertThat(json.path("overall").asDouble()).isGreaterThan(0.9);
    assertThat(json.path("columns")).hasSize(3);
    assertThat(json.path("columns").get(0).path("metric").asString()).isEqualTo("tv_complement");

    // The emitted schema runs through the ordinary path and gives the same bytes for the same seed.
    Path again = dir.resolve("again.csv");
    Run s = quarry("synth", "--schema", schema.toString(), "--out", again.toString());
    assertThat(s.code()).as(s.err()).isZero();
    assertThat(Files.mismatch(again, out.resolve("weather.csv"))).isEqualTo(-1L);
  }

  @Test
  void badProfilesExitWithTwoAndOneLine() throws IOException {
    Path csv = Files.writeString(dir.resolve("not.json"), "a,b\n1,2\n");
    Path light = dir.resolve("light.json");
    assertThat(quarry("profile", csv.toString(), "-f", "json", "--light", "-o", light.toString()).code()).isZero();
    Path croissant = dir.resolve("croissant.json");
    assertThat(quarry("profile", csv.toString(), "-o", croissant.toString()).code()).isZero();

    for (Path bad : new Path[] {csv, light, croissant, dir.resolve("missing.json")}) {
      Run r = quarry("synth", "--from-profile", bad.toString(), "--out", dir.resolve("o").toString());
      assertThat(r.code()).as(bad + ": " + r.err()).isEqualTo(2);
      assertThat(r.err().lines()).as(r.err()).hasSize(1);
      assertThat(r.err()).startsWith("quarry: " + bad);
    }
    Run neither = quarry("synth", "--out", dir.toString());
    assertThat(neither.code()).isEqualTo(2);
    assertThat(neither.err()).contains("--schema FILE or --from-profile FILE");
  }
}
