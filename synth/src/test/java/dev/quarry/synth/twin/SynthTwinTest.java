package dev.quarry.synth.twin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.Profiler;
import dev.quarry.synth.schema.FieldSpec;
import dev.quarry.synth.schema.SchemaParser;
import dev.quarry.synth.schema.SynthSchema;
import dev.quarry.synth.schema.TableSpec;
import dev.quarry.synth.twin.FidelityReport.ColumnScore;
import dev.quarry.synth.twin.ProfileToSchema.Twin;
import dev.quarry.synth.write.OutputFormats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A known dataset → its profile → the twin's schema → 20,000 generated rows → their profile →
 * fidelity. The twin is built once for all tests (profiling and generating dominate the time).
 */
class SynthTwinTest {

  private static final int ORIGINAL_ROWS = 5_000;

  @TempDir static Path dir;
  private static LocalEngine engine;
  private static TwinProfile original;
  private static Twin twin;
  private static SynthTwin.Result result;

  @BeforeAll
  static void makeTwin() throws IOException {
    engine = new LocalEngine(4);
    Path csv = dir.resolve("people.csv");
    Files.writeString(csv, dataset());
    Profile profile = new Profiler(FileIO.unrestricted(), engine).profile(ProfileRequest.of(csv.toString()));
    original = TwinProfile.of(profile);
    twin = ProfileToSchema.build(original, 20_000L, 42);
    result = SynthTwin.run(original, twin, dir.resolve("twin"), OutputFormats.CSV, engine);
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  /**
   * id; height ~ Normal(170, 10); income ~ LogNormal (right-skewed, integers); tier gold:silver:bronze
   * = 1:3:6; signup dates over 1000 days; e-mails; a constant country; score uniform with 10% nulls;
   * free-text notes.
   */
  private static String dataset() {
    Random r = new Random(7);
    StringBuilder b = new StringBuilder("id,height,income,tier,signup,email,country,score,note\n");
    LocalDate start = LocalDate.of(2020, 1, 1);
    for (int i = 1; i <= ORIGINAL_ROWS; i++) {
      double u = r.nextDouble();
      String tier = u < 0.1 ? "gold" : u < 0.4 ? "silver" : "bronze";
      String score = r.nextDouble() < 0.1 ? "" : String.format(Locale.ROOT, "%.3f", r.nextDouble());
      StringBuilder note = new StringBuilder();
      for (int k = 5 + r.nextInt(30); k > 0; k--) {
        note.append("abcdefgh ".charAt(r.nextInt(9)));
      }
      b.append(String.format(Locale.ROOT, "%d,%.1f,%d,%s,%s,user%d@example.com,NL,%s,x%s%n",
          i, 170 + 10 * r.nextGaussian(), (long) Math.exp(10 + r.nextGaussian()), tier,
          start.plusDays(r.nextInt(1000)), i, score, note.toString().trim()));
    }
    return b.toString();
  }

  @Test
  void choosesAKindPerColumn() {
    TableSpec t = twin.schema().table("people");
    assertThat(t.rows()).isEqualTo(20_000);
    assertThat(t.field("id")).isInstanceOf(FieldSpec.SequenceField.class);
    assertThat(((FieldSpec.SequenceField) t.field("id")).start()).isEqualTo(1);
    assertThat(t.field("height")).isInstanceOf(FieldSpec.EnumField.class);
    assertThat(t.field("income")).isInstanceOf(FieldSpec.EnumField.class);
    assertThat(t.field("tier")).isInstanceOf(FieldSpec.EnumField.class);
    assertThat(((FieldSpec.EnumField) t.field("tier")).values()).containsExactlyInAnyOrder("gold", "silver", "bronze");
    assertThat(t.field("signup")).isInstanceOfSatisfying(FieldSpec.DateField.class, d -> {
      assertThat(d.min()).isAfterOrEqualTo(LocalDate.of(2020, 1, 1)).isBefore(LocalDate.of(2020, 1, 10));
      assertThat(d.max()).isAfter(LocalDate.of(2022, 9, 15)).isBefore(LocalDate.of(2022, 9, 27));
    });
    assertThat(t.field("email")).isInstanceOfSatisfying(FieldSpec.FakerField.class,
        f -> assertThat(f.provider()).isEqualTo("internet.emailAddress"));
    assertThat(t.field("country")).isInstanceOfSatisfying(FieldSpec.ConstantField.class,
        f -> assertThat(f.value()).isEqualTo("NL"));
    assertThat(t.field("score").options().nulls()).isBetween(0.08, 0.12);
    assertThat(t.field("height").options().nulls()).isZero();
    assertThat(t.field("note")).isInstanceOfSatisfying(FieldSpec.StringField.class,
        f -> assertThat(f.maxLength()).isBetween(30, 35));

    var shapes = twin.tables().get(0).columns();
    assertThat(shapes).extracting(c -> c.column() + ":" + c.shape()).containsExactly(
        "id:OTHER", "height:NUMERIC", "income:NUMERIC", "tier:CATEGORICAL", "signup:TEMPORAL",
        "email:OTHER", "country:CATEGORICAL", "score:NUMERIC", "note:OTHER");
  }

  @Test
  void numericGridKeepsIntegersIntegralAndFloatsToTheirDecimals() {
    TableSpec t = twin.schema().table("people");
    assertThat(((FieldSpec.EnumField) t.field("income")).values()).allMatch(v -> v.matches("\\d+"));
    assertThat(((FieldSpec.EnumField) t.field("height")).values()).allMatch(v -> v.matches("\\d+(\\.\\d)?"));
    assertThat(((FieldSpec.EnumField) t.field("height")).values().size()).isGreaterThan(200);
  }

  @Test
  void emittedSchemaTextIsTheSchema() {
    SynthSchema reparsed = SchemaParser.parse(twin.schemaText());
    assertThat(reparsed).isEqualTo(twin.schema());
    assertThat(reparsed.seed()).isEqualTo(42);
  }

  @Test
  void writesTheTwinAndScoresItFaithful() throws IOException {
    assertThat(result.files()).singleElement().satisfies(w -> {
      assertThat(w.rows()).isEqualTo(20_000);
      assertThat(Files.readAllLines(w.file())).hasSize(20_001)
          .first().isEqualTo("id,height,income,tier,signup,email,country,score,note");
    });
    FidelityReport report = result.report();
    System.out.print(report.toText());
    for (String numeric : new String[] {"height", "income", "score"}) {
      ColumnScore c = report.column("people", numeric);
      assertThat(c.metric()).isEqualTo("ks_complement");
      assertThat(c.score()).as(numeric).isGreaterThanOrEqualTo(0.9);
    }
    ColumnScore tier = report.column("people", "tier");
    assertThat(tier.metric()).isEqualTo("tv_complement");
    assertThat(tier.score()).isGreaterThanOrEqualTo(0.95);
    assertThat(report.column("people", "country").score()).isEqualTo(1.0);
    assertThat(report.column("people", "signup").metric()).isEqualTo("range_overlap");
    assertThat(report.column("people", "signup").score()).isGreaterThanOrEqualTo(0.98);
    ColumnScore score = report.column("people", "score");
    assertThat(score.nullRateOriginal()).isBetween(0.08, 0.12);
    assertThat(score.nullRateDiff()).isLessThanOrEqualTo(0.02);
    assertThat(report.column("people", "email").score()).isNull();
    // 20,000 distinct ids against 5,000: the twin's count is an HLL estimate (about 1.6% error).
    assertThat(report.column("people", "id").distinctRatio()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.2));
    assertThat(report.overall()).isGreaterThanOrEqualTo(0.9);

    String json = report.toJson();
    var tree = JsonMapper.builder().build().readTree(json);
    assertThat(tree.path("overall").asDouble()).isEqualTo(report.overall());
    assertThat(tree.path("columns")).hasSize(9);
  }

  @Test
  void aUniformTwinOfASkewedColumnScoresLower() throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    ObjectNode root = (ObjectNode) json.readTree(twin.schemaText());
    ObjectNode fields = (ObjectNode) root.path("tables").path("people").path("fields");
    var income = original.tables().get(0).column("income");
    ObjectNode uniform = json.createObjectNode();
    uniform.put("kind", "int");
    uniform.put("min", income.min().longValue());
    uniform.put("max", income.max().longValue());
    fields.set("income", uniform);
    SynthSchema wrong = SchemaParser.parse(json.writeValueAsString(root));

    var files = SynthTwin.write(wrong, dir.resolve("wrong"), OutputFormats.CSV, engine);
    FidelityReport bad = SynthTwin.fidelity(original, twin.tables(), files, engine);
    double right = result.report().column("people", "income").score();
    System.out.printf(Locale.ROOT, "income KS complement: right twin %.3f, uniform twin %.3f; overall %.3f vs %.3f%n",
        right, bad.column("people", "income").score(), result.report().overall(), bad.overall());
    assertThat(bad.column("people", "income").score()).isLessThan(right - 0.3);
    assertThat(bad.overall()).isLessThan(result.report().overall());
  }

  @Test
  void sameProfileAndSeedGiveTheSameBytes() throws IOException {
    Twin again = ProfileToSchema.build(original, 20_000L, 42);
    var files = SynthTwin.write(again.schema(), dir.resolve("again"), OutputFormats.CSV, engine);
    assertThat(Files.mismatch(files.get(0).file(), result.files().get(0).file())).isEqualTo(-1L);
  }

  @Test
  void keepsTheOriginalRowCountWithoutRows() {
    assertThat(ProfileToSchema.build(original, null, 1).schema().table("people").rows()).isEqualTo(ORIGINAL_ROWS);
  }
}
