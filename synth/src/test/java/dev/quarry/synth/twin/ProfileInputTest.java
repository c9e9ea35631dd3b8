package dev.quarry.synth.twin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.quarry.synth.twin.TwinProfile.ColumnProfile;
import dev.quarry.synth.twin.TwinProfile.ValueCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading profiles (and refusing what is not one), the CDF and the metrics on hand-made columns. */
class ProfileInputTest {

  @TempDir Path dir;

  private static ColumnProfile numeric(double min, double max, Map<Double, Double> q, List<Double> edges, List<Long> counts) {
    return new ColumnProfile("x", "sc:Float", Set.of(), 100, 0, 100, min, max, q, edges, counts, List.of(),
        null, null, List.of(), null, null);
  }

  private static ColumnProfile categorical(long present, List<ValueCount> top) {
    return new ColumnProfile("c", "sc:Text", Set.of("CATEGORICAL"), present, 0, top.size(), null, null, Map.of(),
        List.of(), List.of(), top, 1L, 5L, List.of(), null, null);
  }

  @Test
  void refusesWhatIsNotAHeavyQuarryProfile() throws IOException {
    Path notJson = Files.writeString(dir.resolve("a.json"), "id,name\n1,x\n");
    assertThatThrownBy(() -> SynthTwin.read(notJson)).isInstanceOf(TwinException.class)
        .hasMessageStartingWith(notJson + ": not a JSON file");
    assertThatThrownBy(() -> TwinProfile.parse("{\"light\": {}, \"heavy\": null}"))
        .isInstanceOf(TwinException.class).hasMessageContaining("light only");
    assertThatThrownBy(() -> TwinProfile.parse("{\"@context\": {}, \"recordSet\": []}"))
        .hasMessageContaining("Croissant");
    assertThatThrownBy(() -> TwinProfile.parse("{\"rows\": 3}")).hasMessageContaining("not a Quarry profile");
    assertThatThrownBy(() -> TwinProfile.parse("[1, 2]")).hasMessageContaining("not a Quarry profile");
    assertThatThrownBy(() -> TwinProfile.parse("{\"heavy\": {\"recordSets\": []}}")).hasMessageContaining("no record sets");
    assertThatThrownBy(() -> SynthTwin.read(dir.resolve("missing.json"))).hasMessageContaining("no such profile file");
  }

  @Test
  void cdfFollowsHistogramAndQuantiles() {
    // 80 of 100 values in [0, 10), 20 in [10, 20]; the median at 5.
    NumericCdf cdf = NumericCdf.of(numeric(0, 20, Map.of(0.5, 5.0), List.of(0.0, 10.0, 20.0), List.of(80L, 20L)));
    assertThat(cdf.cdf(-1)).isZero();
    assertThat(cdf.cdf(5)).isEqualTo(0.5);
    assertThat(cdf.cdf(10)).isEqualTo(0.8);
    assertThat(cdf.cdf(15)).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(cdf.cdf(20)).isEqualTo(1);
    assertThat(cdf.inverse(0.5)).isEqualTo(5);
    assertThat(cdf.inverse(0.9)).isCloseTo(15, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(cdf.inverse(0)).isZero();
    assertThat(cdf.inverse(1)).isEqualTo(20);
    assertThat(cdf.ksDistance(cdf)).isZero();
  }

  @Test
  void quantileOutsideItsBinIsClampedToTheExactCounts() {
    // A sketch p50 of 12 contradicts the histogram (80% lie below 10): the bin's share range wins.
    NumericCdf cdf = NumericCdf.of(numeric(0, 20, Map.of(0.5, 12.0), List.of(0.0, 10.0, 20.0), List.of(80L, 20L)));
    assertThat(cdf.cdf(12)).isEqualTo(0.8);
    assertThat(cdf.cdf(10)).isEqualTo(0.8);
  }

  @Test
  void ksOfUniformAgainstSkewedIsLarge() {
    NumericCdf uniform = NumericCdf.of(numeric(0, 100, Map.of(), List.of(0.0, 50.0, 100.0), List.of(50L, 50L)));
    NumericCdf skewed = NumericCdf.of(numeric(0, 100, Map.of(), List.of(0.0, 50.0, 100.0), List.of(90L, 10L)));
    assertThat(uniform.ksDistance(skewed)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(skewed.ksDistance(uniform)).isCloseTo(0.4, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void gridReproducesTheCdfAndRoundsIntegers() {
    NumericCdf cdf = NumericCdf.of(numeric(0, 10, Map.of(), List.of(0.0, 10.0), List.of(100L)));
    Map<String, Integer> grid = ProfileToSchema.grid(cdf, 0);
    assertThat(grid.keySet()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
    assertThat(grid.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(ProfileToSchema.GRID);
    // Interior integers each take a tenth of the mass; the ends half of that.
    assertThat(grid.get("5")).isBetween(99, 101);
    assertThat(grid.get("0")).isBetween(49, 51);
  }

  @Test
  void tvComplementCountsTheOtherBucket() {
    ColumnProfile a = categorical(100, List.of(new ValueCount("x", 60), new ValueCount("y", 30)));
    ColumnProfile b = categorical(100, List.of(new ValueCount("x", 50), new ValueCount("z", 40)));
    // |.6-.5| + |.3-0| + |0-.4| + other |.1-.1| = 0.8 → 1 - 0.4
    assertThat(FidelityReport.tvComplement(a, b)).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(FidelityReport.tvComplement(a, a)).isEqualTo(1);
  }

  @Test
  void rangeOverlapIsIntersectionOverUnion() {
    Instant t0 = Instant.parse("2020-01-01T00:00:00Z");
    assertThat(FidelityReport.rangeOverlap(t0, t0.plusSeconds(100), t0.plusSeconds(50), t0.plusSeconds(150)))
        .isCloseTo(1.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(FidelityReport.rangeOverlap(t0, t0.plusSeconds(10), t0.plusSeconds(20), t0.plusSeconds(30))).isZero();
  }

  @Test
  void sanitisesTableNames() {
    assertThat(ProfileToSchema.sanitise("my table/2024.csv")).isEqualTo("my_table_2024_csv");
    assertThat(ProfileToSchema.sanitise("***")).isEqualTo("table");
  }
}
