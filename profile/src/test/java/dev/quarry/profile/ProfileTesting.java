package dev.quarry.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.croissant.CroissantChecks;
import dev.quarry.profile.croissant.CroissantWriter;
import dev.quarry.profile.stats.ColumnStats.ValueCount;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Shared helpers of the profile tests: run a profile, find its parts, check its Croissant output. */
final class ProfileTesting {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private ProfileTesting() {}

  static Profile profile(Engine engine, Path path) throws IOException {
    return new Profiler(FileIO.unrestricted(), engine).profile(ProfileRequest.of(path.toString()));
  }

  /** A profile and the largest number of heavy tasks the engine reported running for it. */
  record Run(Profile profile, int heavyTasks) {}

  static Run profileCountingTasks(FileIO io, Engine engine, ProfileRequest request)
      throws IOException {
    AtomicInteger heavyTasks = new AtomicInteger();
    boolean[] heavy = {false};
    ProfileListener listener = new ProfileListener() {
      @Override
      public void stage(String stage, int units) {
        heavy[0] = stage.equals("heavy");
      }

      @Override
      public void progress(int done, int failed, int total) {
        if (heavy[0]) {
          heavyTasks.accumulateAndGet(total, Math::max);
        }
      }
    };
    Profile p = new Profiler(io, engine).profile(request, listener,
        new dev.quarry.core.engine.Cancellation());
    return new Run(p, heavyTasks.get());
  }

  static RecordSetProfile recordSet(Profile p, String id) {
    assertThat(p.heavy()).as("heavy profile").isNotNull();
    for (RecordSetProfile rs : p.heavy().recordSets()) {
      if (rs.id().equals(id)) {
        return rs;
      }
    }
    throw new AssertionError("no record set " + id + " among " + recordSetIds(p)
        + "; warnings " + p.heavy().warnings());
  }

  static List<String> recordSetIds(Profile p) {
    return p.heavy().recordSets().stream().map(RecordSetProfile::id).toList();
  }

  static FieldProfile field(RecordSetProfile rs, String name) {
    for (FieldProfile f : rs.fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw new AssertionError("no field " + name + " in " + rs.id() + " among "
        + rs.fields().stream().map(FieldProfile::name).toList());
  }

  static List<String> fieldNames(RecordSetProfile rs) {
    return rs.fields().stream().map(FieldProfile::name).toList();
  }

  static FileEntry file(Profile p, String id) {
    return p.light().files().stream().filter(f -> f.id().equals(id)).findFirst()
        .orElseThrow(() -> new AssertionError("no file " + id + " among "
            + p.light().files().stream().map(FileEntry::id).toList()));
  }

  static DocumentProfile document(Profile p, String fileId) {
    return p.heavy().documents().stream().filter(d -> d.fileId().equals(fileId)).findFirst()
        .orElseThrow(() -> new AssertionError("no document " + fileId + " among "
            + p.heavy().documents()));
  }

  static List<String> topValueNames(FieldProfile f) {
    return f.statistics().topValues().stream().map(ValueCount::value).toList();
  }

  static long topCount(FieldProfile f, String value) {
    return f.statistics().topValues().stream().filter(v -> v.value().equals(value))
        .mapToLong(ValueCount::count).findFirst()
        .orElseThrow(() -> new AssertionError(value + " not in top values " + f.statistics().topValues()));
  }

  /** The Croissant JSON-LD of a profile, after checking it passes the validator's checks. */
  static JsonNode croissant(Profile p) {
    JsonNode doc = JSON.readTree(CroissantWriter.toJson(p));
    assertThat(CroissantChecks.problems(doc)).as("Croissant validator problems").isEmpty();
    return doc;
  }

  static JsonNode croissantRecordSet(JsonNode doc, String id) {
    for (JsonNode rs : doc.path("recordSet")) {
      if (rs.path("@id").asString("").equals(id)) {
        return rs;
      }
    }
    throw new AssertionError("no Croissant record set " + id);
  }

  static JsonNode croissantField(JsonNode doc, String fieldId) {
    for (JsonNode rs : doc.path("recordSet")) {
      for (JsonNode f : rs.path("field")) {
        if (f.path("@id").asString("").equals(fieldId)) {
          return f;
        }
      }
    }
    throw new AssertionError("no Croissant field " + fieldId);
  }

  static JsonNode croissantDistribution(JsonNode doc, String id) {
    for (JsonNode d : doc.path("distribution")) {
      if (d.path("@id").asString("").equals(id)) {
        return d;
      }
    }
    throw new AssertionError("no Croissant distribution entry " + id);
  }

  /** The annotations of a Croissant node by name. */
  static Map<String, JsonNode> annotations(JsonNode node) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    for (JsonNode a : node.path("annotation")) {
      out.put(a.path("name").asString(), a.path("value"));
    }
    return out;
  }

  static List<String> dataTypes(JsonNode field) {
    JsonNode dt = field.path("dataType");
    List<String> out = new ArrayList<>();
    if (dt.isArray()) {
      dt.forEach(t -> out.add(t.asString()));
    } else {
      out.add(dt.asString());
    }
    return out;
  }

  static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  static String sha256(Path file) throws Exception {
    return sha256(Files.readAllBytes(file));
  }

  /** Mean of the non-null values. */
  static double mean(List<? extends Number> values) {
    return values.stream().filter(v -> v != null).mapToDouble(Number::doubleValue).average()
        .orElseThrow();
  }

  /**
   * Asserts that two profiles of the same records say the same, where a profile is deterministic:
   * counts, missing, exact distinct counts, min, max, lengths, value kinds, types and coverage must
   * be equal, means equal to 1e-9 relative. Quantiles come from a randomised sketch (KLL), so they
   * need only be within {@code quantileTolerance} of the field's range; HLL distinct estimates
   * within 5%. Samples and the order of tied top values depend on the order parts were merged in.
   */
  static void assertSameStatistics(RecordSetProfile expected, RecordSetProfile actual,
      double quantileTolerance) {
    assertThat(actual.id()).isEqualTo(expected.id());
    assertThat(actual.rows()).as(expected.id() + " rows").isEqualTo(expected.rows());
    assertThat(fieldNames(actual)).isEqualTo(fieldNames(expected));
    assertThat(actual.warnings()).isEqualTo(expected.warnings());
    for (FieldProfile e : expected.fields()) {
      FieldProfile a = field(actual, e.name());
      String what = expected.id() + "." + e.name();
      assertThat(a.dataType()).as(what + " dataType").isEqualTo(e.dataType());
      assertThat(a.semanticTypes()).as(what + " semantic types").isEqualTo(e.semanticTypes());
      assertThat(a.column()).as(what + " column").isEqualTo(e.column());
      assertThat(a.jsonPath()).as(what + " jsonPath").isEqualTo(e.jsonPath());
      assertThat(a.temporal()).as(what + " temporal").isEqualTo(e.temporal());
      assertThat(a.spatial()).as(what + " spatial").isEqualTo(e.spatial());
      assertThat(a.warnings()).as(what + " warnings").isEqualTo(e.warnings());
      FieldStatistics es = e.statistics();
      FieldStatistics as = a.statistics();
      assertThat(as.count()).as(what + " count").isEqualTo(es.count());
      assertThat(as.missing()).as(what + " missing").isEqualTo(es.missing());
      assertThat(as.distinctExact()).as(what + " distinct exact").isEqualTo(es.distinctExact());
      if (es.distinctExact()) {
        assertThat(as.distinct()).as(what + " distinct").isEqualTo(es.distinct());
      } else {
        // The same HLL registers, but one pass reads them with the HIP estimator and a merge with
        // the composite one: each is within ~1.6% (one RSE at lgK 12) of the truth, not of the other.
        assertThat((double) as.distinct()).as(what + " distinct estimate")
            .isCloseTo(es.distinct(), within(0.05 * es.distinct()));
      }
      assertThat(as.min()).as(what + " min").isEqualTo(es.min());
      assertThat(as.max()).as(what + " max").isEqualTo(es.max());
      assertRelative(what + " mean", as.mean(), es.mean(), 1e-9);
      assertRelative(what + " stddev", as.stddev(), es.stddev(), 1e-6);
      assertThat(as.minLength()).as(what + " minLength").isEqualTo(es.minLength());
      assertThat(as.maxLength()).as(what + " maxLength").isEqualTo(es.maxLength());
      assertRelative(what + " meanLength", as.meanLength(), es.meanLength(), 1e-9);
      assertThat(as.valueKinds()).as(what + " value kinds").isEqualTo(es.valueKinds());
      assertThat(as.quantiles().keySet()).as(what + " quantiles").isEqualTo(es.quantiles().keySet());
      if (es.min() != null) {
        double range = Math.max(es.max() - es.min(), 1e-12);
        double allowed = quantileTolerance * range;
        if (es.distinctExact() && es.distinct() > 1 && es.distinct() <= 50) {
          // Few values: a rank that falls on the edge between two of them may be answered with
          // either, so allow one step of the (evenly spaced) values.
          allowed = Math.max(allowed, range / (es.distinct() - 1));
        }
        for (Map.Entry<String, Double> q : es.quantiles().entrySet()) {
          assertThat(as.quantiles().get(q.getKey())).as(what + " " + q.getKey())
              .isCloseTo(q.getValue(), within(allowed));
        }
        assertThat(as.histogram().edges()).as(what + " histogram edges")
            .isEqualTo(es.histogram().edges());
      }
      if (es.distinctExact() && es.distinct() <= 10) {
        // every value is tracked exactly: the same values with the same counts
        assertThat(toMap(as.topValues())).as(what + " top values").isEqualTo(toMap(es.topValues()));
      }
      assertThat(as.samples()).as(what + " samples").hasSameSizeAs(es.samples());
    }
  }

  private static Map<String, Long> toMap(List<ValueCount> values) {
    Map<String, Long> m = new LinkedHashMap<>();
    values.forEach(v -> m.put(v.value(), v.count()));
    return new java.util.TreeMap<>(m);
  }

  static void assertRelative(String what, Double actual, Double expected, double relative) {
    if (expected == null) {
      assertThat(actual).as(what).isNull();
      return;
    }
    assertThat(actual).as(what).isNotNull();
    assertThat(actual).as(what)
        .isCloseTo(expected, within(Math.max(Math.abs(expected) * relative, 1e-12)));
  }
}
