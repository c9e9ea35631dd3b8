package dev.quarry.transform.run;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counters of one unit of work, merged across units (sums, so the merge is associative and
 * commutative). Transform metadata values that are numbers are summed; others keep the first.
 */
public final class UnitStats implements Serializable {

  long sourceFiles;
  long sourceSize;
  long sourceRows;
  long resultFiles;
  long resultSize;
  long resultRows;
  long processingNanos;
  final Map<String, Object> transformMetadata = new LinkedHashMap<>();

  public static UnitStats merge(UnitStats a, UnitStats b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    a.sourceFiles += b.sourceFiles;
    a.sourceSize += b.sourceSize;
    a.sourceRows += b.sourceRows;
    a.resultFiles += b.resultFiles;
    a.resultSize += b.resultSize;
    a.resultRows += b.resultRows;
    a.processingNanos += b.processingNanos;
    a.addMetadata(b.transformMetadata);
    return a;
  }

  void addMetadata(Map<String, Object> metadata) {
    for (Map.Entry<String, Object> e : metadata.entrySet()) {
      transformMetadata.merge(e.getKey(), e.getValue(), UnitStats::add);
    }
  }

  private static Object add(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y) {
      if ((x instanceof Double || x instanceof Float) || (y instanceof Double || y instanceof Float)) {
        return x.doubleValue() + y.doubleValue();
      }
      return x.longValue() + y.longValue();
    }
    return a;
  }

  public long sourceFiles() {
    return sourceFiles;
  }

  public long sourceSize() {
    return sourceSize;
  }

  public long sourceRows() {
    return sourceRows;
  }

  public long resultFiles() {
    return resultFiles;
  }

  public long resultSize() {
    return resultSize;
  }

  public long resultRows() {
    return resultRows;
  }

  public double processingSeconds() {
    return processingNanos / 1e9;
  }

  public Map<String, Object> transformMetadata() {
    return java.util.Collections.unmodifiableMap(transformMetadata);
  }
}
