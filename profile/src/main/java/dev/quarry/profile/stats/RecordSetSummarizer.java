package dev.quarry.profile.stats;

import dev.quarry.core.formats.ValueType;
import dev.quarry.profile.FieldProfile;
import dev.quarry.profile.FieldStatistics;
import dev.quarry.profile.SemanticType;
import dev.quarry.profile.SpatialCoverage;
import dev.quarry.profile.TemporalCoverage;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a table's merged statistics into field profiles: picks each field's Croissant data type,
 * recognises semantic types (the rules need the whole table, e.g. a latitude only counts when a
 * longitude stands beside it) and derives temporal and spatial coverage.
 */
public final class RecordSetSummarizer {

  /** Share of present values that must show a semantic pattern for the field to get its type. */
  static final double SEMANTIC_SHARE = 0.9;

  private static final Pattern ID_NAME =
      Pattern.compile("(?i)^(id|key|uuid|guid|pk)$|.*[_\\- ](id|key|uuid)$|^(id|key)[_\\- ].*|.*[a-z]Id$");
  private static final Pattern LAT_NAME =
      Pattern.compile("(?i)^(lat|latitude|y_?lat)$|.*[_\\- ]lat$|^lat[_\\- ].*|.*latitude.*");
  private static final Pattern LON_NAME = Pattern.compile(
      "(?i)^(lon|lng|long|longitude|x_?lon)$|.*[_\\- ](lon|lng|long)$|^(lon|lng)[_\\- ].*|.*longitude.*");
  private static final Pattern YEAR_NAME =
      Pattern.compile("(?i)^(year|yr|yyyy|annee|jahr|ano|año)$|.*[_\\- ](year|yr)$|^(year|yr)[_\\- ].*|.*[a-z]Year$");
  private static final Pattern DATE_NAME = Pattern.compile("(?i).*(date|day|dt|time|period).*");

  private RecordSetSummarizer() {}

  /** The result for one table: its fields and the warnings that concern the table as a whole. */
  public record Summary(List<FieldProfile> fields, List<String> warnings) {}

  /**
   * @param recordSetId the record set's {@code @id}; field ids are {@code recordSetId/name}
   * @param jsonPathPrefix for JSON sources, the path of the records ({@code $[*]}), else null
   */
  public static Summary summarize(String recordSetId, TableStats table, String jsonPathPrefix) {
    List<String> names = table.columnNames();
    Map<String, List<SemanticType>> semantics = new LinkedHashMap<>();
    Map<String, String> dataTypes = new LinkedHashMap<>();
    for (String name : names) {
      ColumnStats c = table.column(name);
      dataTypes.put(name, dataType(c, table.declaredType(name), table.inferFromText()));
      semantics.put(name, semanticTypes(name, c, dataTypes.get(name)));
    }
    // Latitude and longitude only mean something as a pair.
    boolean hasLat = semantics.values().stream().anyMatch(s -> s.contains(SemanticType.LATITUDE));
    boolean hasLon = semantics.values().stream().anyMatch(s -> s.contains(SemanticType.LONGITUDE));
    if (!(hasLat && hasLon)) {
      semantics.values().forEach(s -> {
        s.remove(SemanticType.LATITUDE);
        s.remove(SemanticType.LONGITUDE);
      });
    }

    List<FieldProfile> fields = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    SpatialCoverage pairBox = hasLat && hasLon ? latLongBox(table, semantics) : null;
    for (String name : names) {
      ColumnStats c = table.column(name);
      List<SemanticType> sem = semantics.get(name);
      List<String> fieldWarnings = warnings(c, dataTypes.get(name));
      TemporalCoverage temporal = sem.contains(SemanticType.DATETIME) ? temporal(name, c) : null;
      SpatialCoverage spatial = null;
      if (sem.contains(SemanticType.WKT_POINT) || sem.contains(SemanticType.LAT_LONG_POINT)) {
        spatial = new SpatialCoverage(c.pointBox[0], c.pointBox[1], c.pointBox[2], c.pointBox[3]);
      } else if (sem.contains(SemanticType.LATITUDE) || sem.contains(SemanticType.LONGITUDE)) {
        spatial = pairBox;
      }
      String column = jsonPathPrefix == null ? sourceName(table, name) : null;
      String jsonPath = jsonPathPrefix == null ? null : jsonPath(jsonPathPrefix, table, name);
      fields.add(new FieldProfile(recordSetId + "/" + FieldIds.sanitize(name), name, column,
          jsonPath, dataTypes.get(name), sem, statistics(c), temporal, spatial, fieldWarnings));
    }
    if (table.rows() == 0) {
      warnings.add("the table has no records");
    }
    return new Summary(fields, warnings);
  }

  private static String sourceName(TableStats table, String name) {
    var col = table.declaredColumn(name);
    return col == null || col.sourcePath() == null ? name : col.sourcePath();
  }

  private static String jsonPath(String prefix, TableStats table, String name) {
    var col = table.declaredColumn(name);
    String path = col == null || col.sourcePath() == null ? "$." + name : col.sourcePath();
    // Readers give paths relative to one record ($.a.b); Croissant wants them from the document root.
    return path.startsWith("$.") ? prefix + path.substring(1) : path;
  }

  static String dataType(ColumnStats c, ValueType declared, boolean inferFromText) {
    long present = c.present();
    if (present == 0) {
      return declaredDataType(declared);
    }
    if (c.booleans == present) {
      return "sc:Boolean";
    }
    if (c.integers == present) {
      return "sc:Integer";
    }
    if (c.integers + c.floats == present) {
      return "sc:Float";
    }
    if (c.dates == present) {
      return "sc:Date";
    }
    if (c.dates + c.datetimes == present) {
      return "sc:DateTime";
    }
    if (c.times == present) {
      return "sc:Time";
    }
    if (c.texts == present && c.urls == present) {
      return "sc:URL";
    }
    return "sc:Text";
  }

  private static String declaredDataType(ValueType t) {
    switch (t) {
      case INTEGER:
        return "sc:Integer";
      case FLOAT:
      case DECIMAL:
        return "sc:Float";
      case BOOLEAN:
        return "sc:Boolean";
      case DATE:
        return "sc:Date";
      case DATETIME:
        return "sc:DateTime";
      case TIME:
        return "sc:Time";
      default:
        return "sc:Text";
    }
  }

  static List<SemanticType> semanticTypes(String name, ColumnStats c, String dataType) {
    List<SemanticType> out = new ArrayList<>();
    long present = c.present();
    if (present == 0) {
      return out;
    }
    boolean numeric = dataType.equals("sc:Integer") || dataType.equals("sc:Float");
    boolean integer = dataType.equals("sc:Integer");
    if (dataType.equals("sc:Boolean")) {
      out.add(SemanticType.BOOLEAN);
    }
    // Date strings of typed formats (JSON) count too: their evidence was collected, and without
    // them a JSON field of ISO dates got neither the semantic type nor a temporal coverage.
    if (dataType.equals("sc:Date") || dataType.equals("sc:DateTime")
        || (c.dates + c.datetimes + c.textTemporals) >= SEMANTIC_SHARE * present) {
      out.add(SemanticType.DATETIME);
    } else if (integer && c.yyyymmdd == present && yearOf(c.yyyymmddMin) >= 1800
        && yearOf(c.yyyymmddMax) <= 2200 && (DATE_NAME.matcher(name).matches() || c.distinct() > 1)) {
      out.add(SemanticType.DATETIME);
    } else if (integer && YEAR_NAME.matcher(name).matches() && c.min >= 1000 && c.max <= 2999) {
      out.add(SemanticType.DATETIME);
    }
    if (numeric && LAT_NAME.matcher(name).matches() && c.min >= -90 && c.max <= 90) {
      out.add(SemanticType.LATITUDE);
    } else if (numeric && LON_NAME.matcher(name).matches() && c.min >= -180 && c.max <= 180) {
      out.add(SemanticType.LONGITUDE);
    }
    if (c.emails >= SEMANTIC_SHARE * present) {
      out.add(SemanticType.EMAIL);
    }
    if (c.urls >= SEMANTIC_SHARE * present) {
      out.add(SemanticType.URL);
    }
    if (c.wktPoints >= SEMANTIC_SHARE * present) {
      out.add(SemanticType.WKT_POINT);
    }
    if (c.latLongPairs >= SEMANTIC_SHARE * present) {
      out.add(SemanticType.LAT_LONG_POINT);
    }
    boolean idLike = integer || dataType.equals("sc:Text");
    if (idLike && c.distinctIsExact() ? c.distinct() == present : c.distinct() >= 0.97 * present) {
      if (idLike && c.missing == 0 && present > 1 && ID_NAME.matcher(name).matches()) {
        out.add(SemanticType.IDENTIFIER);
      }
    }
    if (!out.contains(SemanticType.IDENTIFIER) && !out.contains(SemanticType.DATETIME)
        && !out.contains(SemanticType.BOOLEAN) && !out.contains(SemanticType.LATITUDE)
        && !out.contains(SemanticType.LONGITUDE) && c.distinctIsExact()
        && (dataType.equals("sc:Text") || integer) && isCategorical(c.distinct(), present)) {
      out.add(SemanticType.CATEGORICAL);
    }
    return out;
  }

  /** Few distinct values that repeat: at most 50, and each seen five times on average. */
  private static boolean isCategorical(long distinct, long present) {
    return distinct >= 2 && distinct <= 50 && distinct * 5 <= present;
  }

  private static int yearOf(long epochSecond) {
    return LocalDate.ofEpochDay(Math.floorDiv(epochSecond, 86_400L)).getYear();
  }

  private static TemporalCoverage temporal(String name, ColumnStats c) {
    if (c.temporalMin <= c.temporalMax) {
      boolean monthFirst = c.sawSlashDates && c.monthFirstPossible;
      long lo = monthFirst ? c.altTemporalMin : c.temporalMin;
      long hi = monthFirst ? c.altTemporalMax : c.temporalMax;
      return new TemporalCoverage(Instant.ofEpochSecond(lo), Instant.ofEpochSecond(hi),
          c.resolution == null ? TemporalResolution.DAY : c.resolution);
    }
    if (c.yyyymmdd > 0 && c.yyyymmdd == c.integers) {
      return new TemporalCoverage(Instant.ofEpochSecond(c.yyyymmddMin),
          Instant.ofEpochSecond(c.yyyymmddMax), TemporalResolution.DAY);
    }
    if (c.numCount > 0) { // bare years
      return new TemporalCoverage(
          LocalDate.of((int) c.min, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
          LocalDate.of((int) c.max, 1, 1).atStartOfDay().toInstant(ZoneOffset.UTC),
          TemporalResolution.YEAR);
    }
    return null;
  }

  private static SpatialCoverage latLongBox(TableStats table, Map<String, List<SemanticType>> sem) {
    double minLat = Double.POSITIVE_INFINITY;
    double maxLat = Double.NEGATIVE_INFINITY;
    double minLon = Double.POSITIVE_INFINITY;
    double maxLon = Double.NEGATIVE_INFINITY;
    for (var e : sem.entrySet()) {
      ColumnStats c = table.column(e.getKey());
      if (e.getValue().contains(SemanticType.LATITUDE)) {
        minLat = Math.min(minLat, c.min);
        maxLat = Math.max(maxLat, c.max);
      } else if (e.getValue().contains(SemanticType.LONGITUDE)) {
        minLon = Math.min(minLon, c.min);
        maxLon = Math.max(maxLon, c.max);
      }
    }
    return new SpatialCoverage(minLon, minLat, maxLon, maxLat);
  }

  private static List<String> warnings(ColumnStats c, String dataType) {
    List<String> w = new ArrayList<>();
    long present = c.present();
    if (c.rows > 0 && present == 0) {
      w.add("all values are missing");
      return w;
    }
    if (present > 1 && c.distinct() == 1) {
      w.add("constant: every value is " + (c.samples.isEmpty() ? "the same" : "'" + c.samples.get(0) + "'"));
    }
    if (c.rows > 0 && c.missing * 2 > c.rows) {
      w.add(String.format(Locale.ROOT, "%.0f%% of values are missing", 100.0 * c.missing / c.rows));
    }
    if (dataType.equals("sc:Text") && present >= 100 && c.distinct() >= 0.95 * present
        && c.lengthMax <= 64) {
      w.add("high cardinality: nearly every value is distinct");
    }
    Map<String, Long> kinds = valueKinds(c);
    if (kinds.size() > 1) {
      StringBuilder sb = new StringBuilder("mixed types:");
      kinds.forEach((k, v) -> sb.append(' ').append(k).append(' ')
          .append(String.format(Locale.ROOT, "%.1f%%", 100.0 * v / present)));
      w.add(sb.toString());
    }
    return w;
  }

  static Map<String, Long> valueKinds(ColumnStats c) {
    Map<String, Long> m = new LinkedHashMap<>();
    put(m, "boolean", c.booleans);
    put(m, "integer", c.integers);
    put(m, "float", c.floats);
    put(m, "date", c.dates);
    put(m, "datetime", c.datetimes);
    put(m, "time", c.times);
    put(m, "text", c.texts);
    put(m, "other", c.others);
    return m;
  }

  private static void put(Map<String, Long> m, String k, long v) {
    if (v > 0) {
      m.put(k, v);
    }
  }

  static FieldStatistics statistics(ColumnStats c) {
    boolean numeric = c.numCount > 0;
    Map<String, Double> quantiles = new LinkedHashMap<>();
    FieldStatistics.Histogram histogram = null;
    if (numeric) {
      double[] ranks = {0.05, 0.25, 0.5, 0.75, 0.95};
      double[] q = c.quantiles(ranks);
      String[] names = {"p5", "p25", "p50", "p75", "p95"};
      for (int i = 0; i < q.length; i++) {
        quantiles.put(names[i], q[i]);
      }
      int bins = c.max > c.min ? 20 : 1;
      long[] counts = c.histogram(bins);
      List<Double> edges = new ArrayList<>();
      for (int i = 0; i <= counts.length; i++) {
        edges.add(c.min + (c.max - c.min) * i / counts.length);
      }
      List<Long> countList = new ArrayList<>();
      for (long v : counts) {
        countList.add(v);
      }
      histogram = new FieldStatistics.Histogram(edges, countList);
    }
    long present = c.present();
    boolean hasLengths = present > 0 && c.lengthMin != Long.MAX_VALUE;
    return new FieldStatistics(
        c.rows,
        c.missing,
        c.distinct(),
        c.distinctIsExact(),
        numeric ? c.min : null,
        numeric ? c.max : null,
        numeric ? c.mean : null,
        numeric ? c.stddev() : null,
        quantiles,
        histogram,
        c.topValues(10),
        hasLengths ? c.lengthMin : null,
        hasLengths ? c.lengthMax : null,
        hasLengths ? (double) c.lengthSum / present : null,
        c.samples(),
        valueKinds(c));
  }
}
