package dev.quarry.profile.stats;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;

/**
 * Everything the profiler learns about one column, kept in mergeable form: counters, a moments
 * accumulator (Chan et al.), and DataSketches (HLL for distinct counts, KLL for quantiles,
 * frequent-items for top values). Two halves of a file profiled apart and merged give the same
 * answer as one pass, up to the sketches' error; that is what lets big files be split across workers.
 *
 * <p>Not thread-safe: one instance per worker, merged afterwards.
 */
public final class ColumnStats implements Serializable {

  private static final long serialVersionUID = 1L;

  /** Below this many distinct values the count is exact (a set is kept); above, HLL estimates. */
  public static final int EXACT_DISTINCT_LIMIT = 10_000;

  static final int MAX_SAMPLES = 5;
  private static final int KLL_K = 200;
  private static final int MAX_TRACKED_LENGTH = 200;

  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
  private static final Pattern URL =
      Pattern.compile("(?:https?|ftp|s3|gs)://[^\\s/$.?#][^\\s]*|(?:wd|sc|schema|dct):[A-Za-z0-9_]+");
  private static final Pattern WKT_POINT =
      Pattern.compile("POINT\\s*Z?\\s*\\(\\s*(-?[0-9.]+)\\s+(-?[0-9.]+)(?:\\s+-?[0-9.]+)?\\s*\\)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LAT_LONG_PAIR =
      Pattern.compile("\\(?\\s*(-?[0-9]{1,3}(?:\\.[0-9]+)?)\\s*,\\s*(-?[0-9]{1,3}(?:\\.[0-9]+)?)\\s*\\)?");

  // --- counts by kind of value
  long rows;
  long missing;
  long booleans;
  long integers;
  long floats;
  long dates;
  long datetimes;
  long times;
  long texts;
  long others;
  long trues;
  /**
   * Values a typed format gave as text that read as dates or date-times (ISO strings in JSON): they
   * stay text, but let the column be recognised as temporal and give it a coverage.
   */
  long textTemporals;

  // --- numeric moments over integers and floats
  long numCount;
  double mean;
  double m2;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;

  // --- text lengths over every non-missing value, as text
  long lengthMin = Long.MAX_VALUE;
  long lengthMax;
  long lengthSum;

  // --- temporal
  long temporalMin = Long.MAX_VALUE;
  long temporalMax = Long.MIN_VALUE;
  /** Month-first reading of ambiguous d/m/y values, used if the column turns out month-first. */
  long altTemporalMin = Long.MAX_VALUE;
  long altTemporalMax = Long.MIN_VALUE;
  TemporalResolution resolution;
  boolean dayFirstPossible = true;
  boolean monthFirstPossible = true;
  boolean sawSlashDates;

  // --- semantic evidence
  long emails;
  long urls;
  long wktPoints;
  long latLongPairs;
  /** [minLon, minLat, maxLon, maxLat] of WKT points and "(lat, long)" pairs. */
  double[] pointBox = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
  long yyyymmdd;
  long yyyymmddMin = Long.MAX_VALUE;
  long yyyymmddMax = Long.MIN_VALUE;

  // --- distinct values, top values, quantiles, samples
  final ValueCounts values = new ValueCounts();
  ArrayList<String> samples = new ArrayList<>();
  private transient KllDoublesSketch kll = KllDoublesSketch.newHeapInstance(KLL_K);

  private transient ParsedValue parsed = new ParsedValue();

  /** Counts {@code n} records that had no value here (a column that appeared later, JSON). */
  public void addMissing(long n) {
    rows += n;
    missing += n;
  }

  /** Adds one value as a reader returned it (see {@code ValueType} for the classes). */
  public void add(Object value, boolean inferFromText) {
    rows++;
    if (value == null) {
      missing++;
      return;
    }
    if (value instanceof String s) {
      addText(s, inferFromText);
    } else if (value instanceof Long l) {
      addInteger(l, null);
    } else if (value instanceof Integer i) {
      addInteger(i, null);
    } else if (value instanceof Double d) {
      addFloat(d);
    } else if (value instanceof Float f) {
      addFloat(f.doubleValue());
    } else if (value instanceof BigDecimal b) {
      if (b.scale() <= 0 && b.precision() - b.scale() <= 18) {
        addInteger(b.longValueExact(), null);
      } else {
        floats++;
        addNumber(b.doubleValue(), Double.valueOf(b.doubleValue()), null);
      }
    } else if (value instanceof Boolean b) {
      booleans++;
      if (b) {
        trues++;
      }
      addDistinct(b.toString());
    } else if (value instanceof LocalDate d) {
      dates++;
      addTemporal(d.toEpochDay() * 86_400L,
          TemporalResolution.of(d.getMonthValue(), d.getDayOfMonth(), 0, 0, 0), d.toString());
    } else if (value instanceof LocalDateTime t) {
      datetimes++;
      addTemporal(t.toEpochSecond(ZoneOffset.UTC), resolutionOf(t), t.toString());
    } else if (value instanceof Instant t) {
      datetimes++;
      addTemporal(t.getEpochSecond(), resolutionOf(LocalDateTime.ofInstant(t, ZoneOffset.UTC)),
          t.toString());
    } else if (value instanceof LocalTime t) {
      times++;
      addDistinct(t.toString());
    } else if (value instanceof byte[] b) {
      others++;
      trackLength(b.length);
      values.addBytes(b);
    } else {
      others++;
      addDistinct(value.toString());
    }
  }

  private static TemporalResolution resolutionOf(LocalDateTime t) {
    return TemporalResolution.of(t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(),
        t.getSecond());
  }

  private void addText(String s, boolean infer) {
    if (!infer) {
      if (s.isEmpty()) {
        missing++;
        return;
      }
      texts++;
      addDistinct(s);
      textEvidence(s);
      // Typed formats can still carry dates as strings (JSON): count them as evidence only.
      ValueParser.parse(s, parsed);
      if (parsed.kind == ParsedValue.Kind.DATE || parsed.kind == ParsedValue.Kind.DATETIME) {
        textTemporals++;
        temporalEvidence(parsed);
      }
      return;
    }
    ValueParser.parse(s, parsed);
    switch (parsed.kind) {
      case MISSING:
        missing++;
        return;
      case INTEGER:
        addInteger(parsed.longValue, s);
        return;
      case FLOAT:
        floats++;
        addNumber(parsed.doubleValue, Double.valueOf(parsed.doubleValue), s);
        return;
      case BOOLEAN:
        booleans++;
        if (parsed.booleanValue) {
          trues++;
        }
        addDistinct(s.strip());
        return;
      case DATE:
        dates++;
        temporalEvidence(parsed);
        addDistinct(s.strip());
        return;
      case DATETIME:
        datetimes++;
        temporalEvidence(parsed);
        addDistinct(s.strip());
        return;
      default:
        texts++;
        addDistinct(s);
        textEvidence(s);
    }
  }

  /** @param text the value as written (CSV), for its length; null for typed values */
  private void addInteger(long v, String text) {
    integers++;
    addNumber(v, Long.valueOf(v), text);
    long epoch = ValueParser.yyyymmddToEpochSecond(v);
    if (epoch != Long.MIN_VALUE) {
      yyyymmdd++;
      yyyymmddMin = Math.min(yyyymmddMin, epoch);
      yyyymmddMax = Math.max(yyyymmddMax, epoch);
    }
  }

  private void addFloat(double d) {
    if (Double.isNaN(d)) {
      missing++;
      return;
    }
    floats++;
    addNumber(d, Double.valueOf(d), null);
  }

  /** Numbers count as distinct by value (Long or Double key), never by their formatting. */
  private void addNumber(double v, Object key, String text) {
    numCount++;
    double delta = v - mean;
    mean += delta / numCount;
    m2 += delta * (v - mean);
    if (v < min) {
      min = v;
    }
    if (v > max) {
      max = v;
    }
    kll.update(v);
    if (text != null) {
      trackLength(text.strip().length());
    }
    values.add(key);
    if (samples.size() < MAX_SAMPLES) {
      String shown = text != null ? text.strip() : key.toString();
      if (!samples.contains(shown)) {
        samples.add(shown);
      }
    }
  }

  private void temporalEvidence(ParsedValue p) {
    if (p.dayFirstPossible || p.monthFirstPossible) {
      sawSlashDates = true;
      dayFirstPossible &= p.dayFirstPossible;
      monthFirstPossible &= p.monthFirstPossible;
      altTemporalMin = Math.min(altTemporalMin, p.altEpochSecond);
      altTemporalMax = Math.max(altTemporalMax, p.altEpochSecond);
    } else {
      altTemporalMin = Math.min(altTemporalMin, p.epochSecond);
      altTemporalMax = Math.max(altTemporalMax, p.epochSecond);
    }
    temporalMin = Math.min(temporalMin, p.epochSecond);
    temporalMax = Math.max(temporalMax, p.epochSecond);
    resolution = TemporalResolution.finer(resolution, p.resolution);
  }

  private void addTemporal(long epochSecond, TemporalResolution res, String text) {
    temporalMin = Math.min(temporalMin, epochSecond);
    temporalMax = Math.max(temporalMax, epochSecond);
    altTemporalMin = temporalMin;
    altTemporalMax = temporalMax;
    resolution = TemporalResolution.finer(resolution, res);
    addDistinct(text);
  }

  private void textEvidence(String s) {
    int at = s.indexOf('@');
    if (at > 0 && EMAIL.matcher(s).matches()) {
      emails++;
      return;
    }
    if (s.indexOf(':') > 0 && URL.matcher(s).matches()) {
      urls++;
      return;
    }
    char c0 = s.isEmpty() ? ' ' : s.charAt(0);
    if (c0 == 'P' || c0 == 'p') {
      Matcher m = WKT_POINT.matcher(s.strip());
      if (m.matches()) {
        double lon = Double.parseDouble(m.group(1));
        double lat = Double.parseDouble(m.group(2));
        if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
          wktPoints++;
          box(lon, lat);
        }
      }
    } else if (c0 == '(' || c0 == '-' || (c0 >= '0' && c0 <= '9')) {
      Matcher m = LAT_LONG_PAIR.matcher(s.strip());
      if (m.matches() && s.indexOf(',') > 0) {
        double lat = Double.parseDouble(m.group(1));
        double lon = Double.parseDouble(m.group(2));
        if (Math.abs(lat) <= 90 && Math.abs(lon) <= 180) {
          latLongPairs++;
          box(lon, lat);
        }
      }
    }
  }

  private void box(double lon, double lat) {
    pointBox[0] = Math.min(pointBox[0], lon);
    pointBox[1] = Math.min(pointBox[1], lat);
    pointBox[2] = Math.max(pointBox[2], lon);
    pointBox[3] = Math.max(pointBox[3], lat);
  }

  private void addDistinct(String text) {
    trackLength(text.length());
    values.add(text.length() > MAX_TRACKED_LENGTH ? digestKey(text) : text);
    if (samples.size() < MAX_SAMPLES && !samples.contains(text)) {
      samples.add(text.length() > MAX_TRACKED_LENGTH ? text.substring(0, MAX_TRACKED_LENGTH) : text);
    }
  }

  /**
   * Long texts are counted under their start plus a 128-bit hash of the whole: distinct counts stay
   * right (up to hash collisions) while the exact map holds at most ~250 characters a value.
   */
  static String digestKey(String text) {
    long[] h = org.apache.datasketches.hash.MurmurHash3.hash(
        text.getBytes(java.nio.charset.StandardCharsets.UTF_8), 0L);
    return text.substring(0, 200) + "…#" + Long.toHexString(h[0]) + Long.toHexString(h[1]);
  }

  private void trackLength(long len) {
    lengthMin = Math.min(lengthMin, len);
    lengthMax = Math.max(lengthMax, len);
    lengthSum += len;
  }

  /** Folds {@code other} into this one and returns this. */
  public ColumnStats merge(ColumnStats o) {
    rows += o.rows;
    missing += o.missing;
    booleans += o.booleans;
    integers += o.integers;
    floats += o.floats;
    dates += o.dates;
    datetimes += o.datetimes;
    times += o.times;
    texts += o.texts;
    others += o.others;
    trues += o.trues;
    textTemporals += o.textTemporals;
    if (o.numCount > 0) {
      long n = numCount + o.numCount;
      double delta = o.mean - mean;
      mean += delta * o.numCount / n;
      m2 += o.m2 + delta * delta * ((double) numCount * o.numCount / n);
      numCount = n;
      min = Math.min(min, o.min);
      max = Math.max(max, o.max);
    }
    lengthMin = Math.min(lengthMin, o.lengthMin);
    lengthMax = Math.max(lengthMax, o.lengthMax);
    lengthSum += o.lengthSum;
    temporalMin = Math.min(temporalMin, o.temporalMin);
    temporalMax = Math.max(temporalMax, o.temporalMax);
    altTemporalMin = Math.min(altTemporalMin, o.altTemporalMin);
    altTemporalMax = Math.max(altTemporalMax, o.altTemporalMax);
    resolution = TemporalResolution.finer(resolution, o.resolution);
    dayFirstPossible &= o.dayFirstPossible;
    monthFirstPossible &= o.monthFirstPossible;
    sawSlashDates |= o.sawSlashDates;
    emails += o.emails;
    urls += o.urls;
    wktPoints += o.wktPoints;
    latLongPairs += o.latLongPairs;
    pointBox[0] = Math.min(pointBox[0], o.pointBox[0]);
    pointBox[1] = Math.min(pointBox[1], o.pointBox[1]);
    pointBox[2] = Math.max(pointBox[2], o.pointBox[2]);
    pointBox[3] = Math.max(pointBox[3], o.pointBox[3]);
    yyyymmdd += o.yyyymmdd;
    yyyymmddMin = Math.min(yyyymmddMin, o.yyyymmddMin);
    yyyymmddMax = Math.max(yyyymmddMax, o.yyyymmddMax);
    values.merge(o.values);
    for (String s : o.samples) {
      if (samples.size() >= MAX_SAMPLES) {
        break;
      }
      if (!samples.contains(s)) {
        samples.add(s);
      }
    }
    kll.merge(o.kll);
    return this;
  }

  // ---- read-outs used by the summary

  public long rows() {
    return rows;
  }

  public long missing() {
    return missing;
  }

  public long present() {
    return rows - missing;
  }

  /** Exact distinct count when small, else the HLL estimate. */
  public long distinct() {
    return values.distinct();
  }

  public boolean distinctIsExact() {
    return values.isExact();
  }

  public double stddev() {
    return numCount > 1 ? Math.sqrt(m2 / (numCount - 1)) : 0;
  }

  /** Quantiles of the numeric values at the given ranks (0..1), or empty if there are none. */
  public double[] quantiles(double... ranks) {
    if (kll.isEmpty()) {
      return new double[0];
    }
    return kll.getQuantiles(ranks);
  }

  /** Approximate counts of numeric values in {@code bins} equal-width bins from min to max. */
  public long[] histogram(int bins) {
    if (kll.isEmpty() || !(max > min)) {
      return kll.isEmpty() ? new long[0] : new long[] {kll.getN()};
    }
    double[] splits = new double[bins - 1];
    for (int i = 0; i < splits.length; i++) {
      splits[i] = min + (max - min) * (i + 1) / bins;
    }
    double[] pmf = kll.getPMF(splits);
    long[] counts = new long[bins];
    for (int i = 0; i < bins; i++) {
      counts[i] = Math.round(pmf[i] * kll.getN());
    }
    return counts;
  }

  /** The most frequent values with their counts (exact while few, else estimated), most frequent first. */
  public List<ValueCount> topValues(int k) {
    return values.top(k);
  }

  public List<String> samples() {
    return List.copyOf(samples);
  }

  /** The exact distinct values, when there are few (for joins of small categorical columns). */
  public Set<String> exactValues() {
    return values.exactValues();
  }

  public record ValueCount(String value, long count) implements Serializable {}

  // ---- Java serialization: sketches travel as their compact byte forms (Spark, checkpoints)

  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    writeBytes(out, kll.toByteArray());
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    kll = KllDoublesSketch.heapify(Memory.wrap(readBytes(in)));
    parsed = new ParsedValue();
  }

  private static void writeBytes(ObjectOutputStream out, byte[] b) throws IOException {
    out.writeInt(b.length);
    out.write(b);
  }

  private static byte[] readBytes(ObjectInputStream in) throws IOException {
    byte[] b = new byte[in.readInt()];
    in.readFully(b);
    return b;
  }
}
