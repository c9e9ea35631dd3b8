package dev.quarry.synth.twin;

import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileOutput;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The parts of a heavy profile a twin needs, read from Quarry's JSON profile ({@code quarry profile
 * -f json}). Read from the JSON tree rather than into the profile records, so a profile written by
 * another Quarry version (extra or missing optional fields) still works, and so the generated data's
 * profile goes through the very same path as the original's (see {@link #of(Profile)}).
 */
public record TwinProfile(List<TableProfile> tables) {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  public TwinProfile {
    tables = List.copyOf(tables);
  }

  /** One record set. */
  public record TableProfile(String name, long rows, List<ColumnProfile> columns) {
    public TableProfile {
      columns = List.copyOf(columns);
    }

    /** The column called {@code name}, or null. */
    public ColumnProfile column(String column) {
      return columns.stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
    }
  }

  /** A value of a field's top-values list and how often it occurs. */
  public record ValueCount(String value, long count) {}

  /**
   * One field's statistics.
   *
   * @param name the column name (the source column when there is one)
   * @param count rows, including missing ones
   * @param quantiles probability ({@code 0.05} for {@code p5}) to value, in probability order
   * @param edges histogram bin edges (one more than {@code counts}), empty when there is none
   * @param start earliest value of a temporal field, else null
   */
  public record ColumnProfile(
      String name,
      String dataType,
      Set<String> semanticTypes,
      long count,
      long missing,
      long distinct,
      Double min,
      Double max,
      Map<Double, Double> quantiles,
      List<Double> edges,
      List<Long> counts,
      List<ValueCount> topValues,
      Long minLength,
      Long maxLength,
      List<String> samples,
      Instant start,
      Instant end) {

    public ColumnProfile {
      semanticTypes = Set.copyOf(semanticTypes);
      quantiles = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(quantiles));
      edges = List.copyOf(edges);
      counts = List.copyOf(counts);
      topValues = List.copyOf(topValues);
      samples = List.copyOf(samples);
    }

    public long present() {
      return Math.max(0, count - missing);
    }

    public double nullRate() {
      return count == 0 ? 0 : (double) missing / count;
    }

    public boolean is(String semanticType) {
      return semanticTypes.contains(semanticType);
    }

    /** The share of present values that the top values cover. */
    public double topCoverage() {
      long top = topValues.stream().mapToLong(ValueCount::count).sum();
      return present() == 0 ? 0 : Math.min(1, (double) top / present());
    }

    public boolean numeric() {
      return ("sc:Integer".equals(dataType) || "sc:Float".equals(dataType)) && min != null && max != null;
    }
  }

  /** Reads a Quarry JSON profile; {@link TwinException} with one line if it is not a usable one. */
  public static TwinProfile parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new TwinException("not a JSON file: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new TwinException("not a Quarry profile: expected a JSON object");
    }
    if (root.has("@context")) {
      throw new TwinException("this is a Croissant profile; make the input with 'quarry profile DATA -f json'");
    }
    if (!root.has("light") && !root.has("heavy")) {
      throw new TwinException("not a Quarry profile (no light or heavy part); make it with 'quarry profile DATA -f json'");
    }
    JsonNode heavy = root.path("heavy");
    if (heavy.isMissingNode() || heavy.isNull()) {
      throw new TwinException("the profile is light only (no field statistics); profile again without --light");
    }
    List<TableProfile> tables = new ArrayList<>();
    for (JsonNode rs : heavy.path("recordSets")) {
      tables.add(table(rs));
    }
    if (tables.isEmpty()) {
      throw new TwinException("the profile has no record sets (tables) to make a twin of");
    }
    return new TwinProfile(tables);
  }

  /** The same view of an in-memory profile, through its JSON form so both sides read alike. */
  public static TwinProfile of(Profile profile) {
    return parse(ProfileOutput.render(profile, ProfileOutput.Kind.json));
  }

  private static TableProfile table(JsonNode rs) {
    String name = text(rs, "name");
    if (name == null) {
      name = text(rs, "id");
    }
    List<ColumnProfile> columns = new ArrayList<>();
    for (JsonNode f : rs.path("fields")) {
      columns.add(column(f));
    }
    return new TableProfile(name == null ? "table" : name, rs.path("rows").asLong(0), columns);
  }

  private static ColumnProfile column(JsonNode f) {
    String name = text(f, "column");
    if (name == null) {
      name = text(f, "name");
    }
    Set<String> semantic = new TreeSet<>();
    for (JsonNode s : f.path("semanticTypes")) {
      semantic.add(s.asString());
    }
    JsonNode s = f.path("statistics");
    Map<Double, Double> quantiles = new LinkedHashMap<>();
    List<Map.Entry<Double, Double>> qs = new ArrayList<>();
    for (Map.Entry<String, JsonNode> q : s.path("quantiles").properties()) {
      Double p = probability(q.getKey());
      if (p != null && q.getValue().isNumber()) {
        qs.add(Map.entry(p, q.getValue().asDouble()));
      }
    }
    qs.sort(Map.Entry.comparingByKey());
    qs.forEach(e -> quantiles.put(e.getKey(), e.getValue()));
    List<Double> edges = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    JsonNode h = s.path("histogram");
    if (h.isObject() && h.path("edges").size() == h.path("counts").size() + 1) {
      h.path("edges").forEach(e -> edges.add(e.asDouble()));
      h.path("counts").forEach(c -> counts.add(c.asLong()));
    }
    List<ValueCount> top = new ArrayList<>();
    for (JsonNode v : s.path("topValues")) {
      if (v.hasNonNull("value")) {
        top.add(new ValueCount(v.path("value").asString(), v.path("count").asLong()));
      }
    }
    List<String> samples = new ArrayList<>();
    s.path("samples").forEach(x -> samples.add(x.asString()));
    JsonNode t = f.path("temporal");
    return new ColumnProfile(
        name,
        text(f, "dataType"),
        semantic,
        s.path("count").asLong(0),
        s.path("missing").asLong(0),
        s.path("distinct").asLong(0),
        number(s, "min"),
        number(s, "max"),
        quantiles,
        edges,
        counts,
        top,
        s.path("minLength").isNumber() ? s.path("minLength").asLong() : null,
        s.path("maxLength").isNumber() ? s.path("maxLength").asLong() : null,
        samples,
        instant(t, "start"),
        instant(t, "end"));
  }

  /** {@code p5} → 0.05; null for keys that are not percentiles. */
  private static Double probability(String key) {
    if (key.length() < 2 || key.charAt(0) != 'p') {
      return null;
    }
    try {
      double p = Double.parseDouble(key.substring(1)) / 100;
      return p >= 0 && p <= 1 ? p : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String text(JsonNode n, String key) {
    JsonNode v = n.path(key);
    return v.isValueNode() && !v.isNull() ? v.asString() : null;
  }

  private static Double number(JsonNode n, String key) {
    JsonNode v = n.path(key);
    return v.isNumber() && Double.isFinite(v.asDouble()) ? v.asDouble() : null;
  }

  private static Instant instant(JsonNode n, String key) {
    String v = text(n, key);
    if (v == null) {
      return null;
    }
    try {
      return Instant.parse(v);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
