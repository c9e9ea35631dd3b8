package dev.quarry.search;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.profile.FieldProfile;
import dev.quarry.profile.FieldStatistics;
import dev.quarry.profile.FileEntry;
import dev.quarry.profile.FileSetEntry;
import dev.quarry.profile.HeavyProfile;
import dev.quarry.profile.Profile;
import dev.quarry.profile.RecordSetProfile;
import dev.quarry.profile.SemanticType;
import dev.quarry.profile.SpatialCoverage;
import dev.quarry.profile.TemporalCoverage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns a heavy profile, and the join sketches of the same data, into the index's entry. */
public final class EntryBuilder {

  private EntryBuilder() {}

  /**
   * Reads the dataset's tables at {@code location} for join sketches and builds its entry from them
   * and {@code profile} (the heavy profile of the same data).
   */
  public static DatasetEntry sketchAndBuild(dev.quarry.core.storage.FileIO io, String id,
      String location, String source, Profile profile, Map<String, String> metadata)
      throws java.io.IOException {
    List<TableSketcher.Sketched> sketches = profile.heavy() == null || profile.heavy().recordSets().isEmpty()
        ? List.of() : new TableSketcher(io).sketch(location);
    return build(id, location, source, profile, sketches, metadata);
  }

  /**
   * @param id the catalog's id of the dataset
   * @param source who brought the dataset in ({@code upload}, {@code api}, a discoverer)
   * @param sketches from {@link TableSketcher} on the same location (may be empty)
   */
  public static DatasetEntry build(String id, String location, String source, Profile profile,
      List<TableSketcher.Sketched> sketches, Map<String, String> metadata) {
    DatasetSpec spec = profile.light().spec();
    Set<String> formats = new LinkedHashSet<>();
    for (FileEntry f : profile.light().files()) {
      if (f.encodingFormat() != null) {
        formats.add(f.encodingFormat());
      }
    }
    List<ColumnEntry> columns = new ArrayList<>();
    long rows = 0;
    TimeRange time = null;
    BoundingBox box = null;
    HeavyProfile heavy = profile.heavy();
    if (heavy != null) {
      for (RecordSetProfile rs : heavy.recordSets()) {
        rows += rs.rows();
        Set<String> files = filesOf(rs, profile);
        for (FieldProfile f : rs.fields()) {
          columns.add(column(rs, f, files, sketches));
        }
      }
      time = time(heavy.temporal());
      box = box(heavy.spatial());
    }
    String name = spec.name() != null && !spec.name().isBlank() ? spec.name()
        : locationName(location);
    return new DatasetEntry(id, name, spec.description(), spec.keywords(), source, spec.license(),
        List.copyOf(formats), location, rows, columns, time, box, metadata, Instant.now());
  }

  private static String locationName(String location) {
    String s = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
    return s.substring(s.lastIndexOf('/') + 1);
  }

  private static Set<String> filesOf(RecordSetProfile rs, Profile profile) {
    if (!rs.sourceIsFileSet()) {
      return Set.of(rs.sourceId());
    }
    for (FileSetEntry s : profile.light().fileSets()) {
      if (s.id().equals(rs.sourceId())) {
        return Set.copyOf(s.memberIds());
      }
    }
    return Set.of();
  }

  private static ColumnEntry column(RecordSetProfile rs, FieldProfile f, Set<String> files,
      List<TableSketcher.Sketched> sketches) {
    ColumnKind kind = ColumnKind.ofDataType(f.dataType());
    if (f.temporal() != null) {
      kind = ColumnKind.TEMPORAL;
    }
    String columnName = f.column() != null ? f.column() : f.name();
    FieldStatistics s = f.statistics();
    Double min = s == null ? null : s.min();
    Double max = s == null ? null : s.max();
    if (kind == ColumnKind.TEMPORAL && f.temporal() != null) {
      min = (double) f.temporal().start().toEpochMilli();
      max = (double) f.temporal().end().toEpochMilli();
    }
    ColumnSketch sketch = null;
    if (kind.isKeyLike()) {
      for (TableSketcher.Sketched k : sketches) {
        if (files.contains(k.fileId()) && k.column().equals(columnName)
            && (rs.table() == null || rs.table().equals(k.table()))) {
          sketch = sketch == null ? k.sketch() : sketch.union(k.sketch(), SketchBuilder.DEFAULT_K);
        }
      }
    }
    List<String> semantic = f.semanticTypes().stream().map(SemanticType::name)
        .map(String::toLowerCase).toList();
    return new ColumnEntry(columnName, rs.name(), kind, f.dataType(), semantic,
        s == null ? 0 : s.distinct(), min, max, s == null ? List.of() : s.samples(), sketch);
  }

  private static TimeRange time(TemporalCoverage t) {
    return t == null ? null : new TimeRange(t.start(), t.end(),
        t.resolution() == null ? null : t.resolution().name().toLowerCase());
  }

  private static BoundingBox box(SpatialCoverage c) {
    if (c == null) {
      return null;
    }
    try {
      return new BoundingBox(c.minLon(), c.minLat(), c.maxLon(), c.maxLat());
    } catch (InvalidQueryException e) {
      return null; // a coverage outside WGS84 (projected coordinates) is no place to search by
    }
  }
}
