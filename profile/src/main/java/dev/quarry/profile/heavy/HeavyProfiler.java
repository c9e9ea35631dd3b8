package dev.quarry.profile.heavy;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskFailure;
import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.Formats;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.profile.FieldProfile;
import dev.quarry.profile.HeavyProfile;
import dev.quarry.profile.ProfileException;
import dev.quarry.profile.RecordSetProfile;
import dev.quarry.profile.SpatialCoverage;
import dev.quarry.profile.TemporalCoverage;
import dev.quarry.profile.light.LightProfiler.ProfiledFile;
import dev.quarry.profile.stats.FieldIds;
import dev.quarry.profile.stats.RecordSetSummarizer;
import dev.quarry.profile.stats.TableStats;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The heavy profile: reads every table and document found by the light pass, as engine tasks, and
 * summarises the merged statistics into record sets. A big splittable file (CSV, TSV, JSONL,
 * multi-row-group Parquet) becomes several tasks whose sketches merge into one record set; like
 * files of a FileSet with the same columns become one record set read from the FileSet.
 */
public final class HeavyProfiler {

  /**
   * Options for splitting big files.
   *
   * @param splitThresholdBytes files above this size are read in parts
   * @param splitBytes bytes per part
   * @param sliceMeta where to keep slice indexes of big CSV and JSON Lines objects (plain or
   *     gzip), so they are read as exact slices (gzip ones in parallel too); null: use an index
   *     only where {@code quarry slice preprocess} left one beside the object
   */
  public record Options(long splitThresholdBytes, long splitBytes, String sliceMeta) {
    public Options(long splitThresholdBytes, long splitBytes) {
      this(splitThresholdBytes, splitBytes, null);
    }

    public static Options defaults() {
      return new Options(64L << 20, 32L << 20);
    }

    public Options withSliceMeta(String location) {
      return new Options(splitThresholdBytes, splitBytes, location);
    }
  }

  private final FileIO io;
  private final Engine engine;
  private final Options options;

  public HeavyProfiler(FileIO io, Engine engine, Options options) {
    this.io = io;
    this.engine = engine;
    this.options = options;
  }

  public HeavyProfile profile(List<ProfiledFile> files, RunOptions runOptions) throws IOException {
    List<Task<HeavyFindings>> tasks = new ArrayList<>();
    for (ProfiledFile f : files) {
      plan(f, tasks);
    }
    HeavyFindings found = new HeavyFindings();
    List<String> warnings = new ArrayList<>();
    if (!tasks.isEmpty()) {
      RunResult<HeavyFindings> run = engine.run(tasks, HeavyFindings::merge, runOptions);
      if (run.cancelled()) {
        throw new ProfileException("profiling was cancelled");
      }
      for (TaskFailure f : run.failures()) {
        warnings.add(f.task() + ": could not be profiled: " + f.error());
      }
      if (run.merged().isPresent()) {
        found = run.merged().get();
      }
    }
    warnings.addAll(found.warnings);

    List<RecordSetProfile> recordSets = buildRecordSets(files, found.tables);
    TemporalCoverage temporal = null;
    SpatialCoverage spatial = null;
    for (RecordSetProfile rs : recordSets) {
      for (FieldProfile f : rs.fields()) {
        if (f.temporal() != null) {
          temporal = temporal == null ? f.temporal() : temporal.union(f.temporal());
        }
        if (f.spatial() != null) {
          spatial = spatial == null ? f.spatial() : spatial.union(f.spatial());
        }
      }
    }
    return new HeavyProfile(recordSets, found.documents, temporal, spatial, warnings);
  }

  private void plan(ProfiledFile f, List<Task<HeavyFindings>> tasks) throws IOException {
    Format format = f.format();
    switch (format.kind()) {
      case DOCUMENT:
        tasks.add(new DocumentTask(io, new SourceFile(f.id(), f.location(), f.memberPath(), format)));
        return;
      case TABLE:
        break;
      default:
        return; // databases are profiled by DatabaseProfiler, binaries have no records
    }
    if (SlicePlanner.plan(io, engine, options, f, tasks)) {
      return;
    }
    if (f.memberPath() == null && Formats.isSplittable(format)) {
      long length = io.stat(dev.quarry.core.storage.Location.parse(f.location())).size();
      if (length > options.splitThresholdBytes()) {
        long step = Math.max(options.splitBytes(), 1 << 20);
        for (long start = 0; start < length; start += step) {
          tasks.add(new TablePartTask(io, new SourceFile(f.id(), f.location(), null, format),
              TablePartTask.Part.bytes(start, Math.min(length, start + step))));
        }
        return;
      }
    }
    if (f.memberPath() == null && format == Format.PARQUET) {
      InputFile in = io.newInputFile(f.location());
      if (in.length() > options.splitThresholdBytes()) {
        ParquetTable table = ParquetTable.open(in);
        int groups = table.rowGroups().size();
        long perTask = Math.max(1, options.splitBytes());
        int first = 0;
        long bytes = 0;
        for (int g = 0; g < groups; g++) {
          bytes += table.rowGroups().get(g).compressedSize();
          if (bytes >= perTask || g == groups - 1) {
            tasks.add(new TablePartTask(io, new SourceFile(f.id(), f.location(), null, format),
                TablePartTask.Part.rowGroups(first, g - first + 1)));
            first = g + 1;
            bytes = 0;
          }
        }
        return;
      }
    }
    tasks.add(new TablePartTask(io, new SourceFile(f.id(), f.location(), f.memberPath(), format),
        TablePartTask.Part.WHOLE));
  }

  /** Groups tables into record sets: one per table, or one per FileSet whose files agree. */
  static List<RecordSetProfile> buildRecordSets(List<ProfiledFile> files,
      Map<TableKey, TableStats> tables) {
    Map<String, List<TableKey>> byFile = new LinkedHashMap<>();
    for (TableKey k : tables.keySet()) {
      byFile.computeIfAbsent(k.fileId(), x -> new ArrayList<>()).add(k);
    }
    Map<String, List<ProfiledFile>> bySet = new LinkedHashMap<>();
    for (ProfiledFile f : files) {
      if (f.fileSetId() != null) {
        bySet.computeIfAbsent(f.fileSetId(), x -> new ArrayList<>()).add(f);
      }
    }
    Set<String> ids = new HashSet<>();
    Set<String> covered = new HashSet<>();
    List<RecordSetProfile> out = new ArrayList<>();
    for (Map.Entry<String, List<ProfiledFile>> set : bySet.entrySet()) {
      TableStats merged = null;
      List<String> columns = null;
      TableKey first = null;
      boolean agree = true;
      for (ProfiledFile f : set.getValue()) {
        List<TableKey> keys = byFile.getOrDefault(f.id(), List.of());
        if (keys.size() != 1) {
          agree = false;
          break;
        }
        TableStats t = tables.get(keys.get(0));
        if (columns == null) {
          columns = t.columnNames();
          first = keys.get(0);
        } else if (!columns.equals(t.columnNames())) {
          agree = false;
          break;
        }
      }
      if (!agree || first == null) {
        continue;
      }
      for (ProfiledFile f : set.getValue()) {
        TableStats t = copy(tables.get(byFile.get(f.id()).get(0)));
        merged = merged == null ? t : merged.merge(t);
        covered.add(f.id());
      }
      String id = unique(recordSetName(set.getKey()), ids);
      out.add(recordSet(id, set.getKey(), true, null, first, merged));
    }
    for (ProfiledFile f : files) {
      if (covered.contains(f.id())) {
        continue;
      }
      for (TableKey k : byFile.getOrDefault(f.id(), List.of())) {
        String base = recordSetName(f.id());
        String id = unique(k.table() == null ? base : base + "." + FieldIds.sanitize(k.table()), ids);
        out.add(recordSet(id, f.id(), false, k.table(), k, tables.get(k)));
      }
    }
    return out;
  }

  private static RecordSetProfile recordSet(String id, String sourceId, boolean fileSet,
      String table, TableKey key, TableStats stats) {
    RecordSetSummarizer.Summary s = RecordSetSummarizer.summarize(id, stats, key.jsonRecordsPath());
    return new RecordSetProfile(id, id, sourceId, fileSet, table, stats.rows(), s.fields(),
        s.warnings());
  }

  /** FileSet members are merged into a fresh accumulator so the per-file stats stay intact. */
  private static TableStats copy(TableStats t) {
    return new TableStats(t.inferFromText()).merge(t);
  }

  /** A record set is named after its file without folders and extensions: {@code data/titanic.csv} → titanic. */
  static String recordSetName(String fileId) {
    int star = fileId.indexOf("/*");
    if (star > 0) { // a FileSet glob: data/*.parquet → data
      String folder = fileId.substring(0, star);
      return FieldIds.sanitize(folder.substring(folder.lastIndexOf('/') + 1));
    }
    String name = fileId;
    int slash = name.lastIndexOf('/');
    if (slash >= 0 && slash < name.length() - 1) {
      name = name.substring(slash + 1);
    }
    name = name.replace("*", "");
    int dot = name.indexOf('.');
    if (dot > 0) {
      name = name.substring(0, dot);
    } else if (dot == 0) {
      name = name.substring(1);
    }
    if (name.isEmpty()) {
      name = fileId.replace("/", "_").replace("*", "all");
    }
    return FieldIds.sanitize(name);
  }

  private static String unique(String id, Set<String> taken) {
    String candidate = id;
    int i = 2;
    while (!taken.add(candidate)) {
      candidate = id + "_" + i++;
    }
    return candidate;
  }
}
