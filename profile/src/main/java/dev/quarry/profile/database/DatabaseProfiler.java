package dev.quarry.profile.database;

import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.jdbc.DbTable;
import dev.quarry.core.formats.jdbc.JdbcCatalog;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.profile.DatabaseTableEntry;
import dev.quarry.profile.FieldProfile;
import dev.quarry.profile.FileEntry;
import dev.quarry.profile.HeavyProfile;
import dev.quarry.profile.LightProfile;
import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileException;
import dev.quarry.profile.ProfileListener;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.RecordSetProfile;
import dev.quarry.profile.SpatialCoverage;
import dev.quarry.profile.TemporalCoverage;
import dev.quarry.profile.light.LightProfiler.ProfiledFile;
import dev.quarry.profile.stats.FieldIds;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Profiles SQL databases — a {@code jdbc:} URL, or SQLite/DuckDB/H2 files found in a dataset — with
 * the statistics computed <em>inside</em> the database by SQL aggregates, never by downloading the
 * tables.
 */
public final class DatabaseProfiler {

  /** The FileObject id a database profiled by URL is described under. */
  static final String DATABASE_ID = "database";

  public static boolean isDatabaseUrl(String location) {
    return location != null && location.startsWith("jdbc:");
  }

  public Profile profile(ProfileRequest request, ProfileListener listener) throws IOException {
    try (JdbcCatalog catalog = JdbcCatalog.connect(request.location())) {
      List<DbTable> tables = catalog.tables();
      if (tables.isEmpty()) {
        throw new ProfileException(catalog.redactedUrl() + ": the database has no tables or views");
      }
      listener.stage("light", tables.size());
      List<DatabaseTableEntry> entries = new ArrayList<>();
      int done = 0;
      for (DbTable t : tables) {
        entries.add(entry(catalog, t));
        listener.progress(++done, 0, tables.size());
      }
      FileEntry db = new FileEntry(DATABASE_ID, catalog.productName() + " database",
          catalog.redactedUrl(), 0, null, "application/sql", null);
      LightProfile light = new LightProfile(request.spec(), catalog.redactedUrl(), List.of(db),
          List.of(), entries, 0, Instant.now(), List.of());
      listener.lightReady(light);
      if (request.lightOnly()) {
        return new Profile(light, null);
      }
      listener.stage("heavy", tables.size());
      List<RecordSetProfile> sets = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      done = 0;
      for (DbTable t : tables) {
        sets.add(SqlTableProfiler.profile(catalog, t, DATABASE_ID, uniqueId(t, ids)));
        listener.progress(++done, 0, tables.size());
      }
      return new Profile(light, heavy(sets, List.of()));
    }
  }

  /** Adds the tables of database files (SQLite, DuckDB) found among a dataset's files. */
  public static HeavyProfile addDatabaseFiles(FileIO io, List<ProfiledFile> files, HeavyProfile heavy)
      throws IOException {
    List<RecordSetProfile> sets = new ArrayList<>(heavy.recordSets());
    List<String> warnings = new ArrayList<>(heavy.warnings());
    Set<String> ids = new HashSet<>();
    sets.forEach(s -> ids.add(s.id()));
    boolean any = false;
    for (ProfiledFile f : files) {
      if (f.format().kind() != Format.Kind.DATABASE) {
        continue;
      }
      any = true;
      Location loc = Location.parse(f.location());
      if (!loc.isLocal() || f.memberPath() != null) {
        warnings.add(f.id() + ": database files are profiled only on local storage");
        continue;
      }
      try (JdbcCatalog catalog = JdbcCatalog.openFile(loc.toPath())) {
        for (DbTable t : catalog.tables()) {
          sets.add(SqlTableProfiler.profile(catalog, t, f.id(), uniqueId(t, ids)));
        }
      } catch (IOException e) {
        warnings.add(f.id() + ": " + e.getMessage());
      }
    }
    return any ? heavy(sets, warnings, heavy) : heavy;
  }

  private static HeavyProfile heavy(List<RecordSetProfile> sets, List<String> warnings) {
    return heavy(sets, warnings, null);
  }

  private static HeavyProfile heavy(List<RecordSetProfile> sets, List<String> warnings,
      HeavyProfile base) {
    TemporalCoverage temporal = base == null ? null : base.temporal();
    SpatialCoverage spatial = base == null ? null : base.spatial();
    for (RecordSetProfile rs : sets) {
      for (FieldProfile f : rs.fields()) {
        if (f.temporal() != null) {
          temporal = temporal == null ? f.temporal() : temporal.union(f.temporal());
        }
        if (f.spatial() != null) {
          spatial = spatial == null ? f.spatial() : spatial.union(f.spatial());
        }
      }
    }
    return new HeavyProfile(sets, base == null ? List.of() : base.documents(), temporal, spatial,
        warnings);
  }

  private static DatabaseTableEntry entry(JdbcCatalog catalog, DbTable t) throws IOException {
    long rows = catalog.rowCount(t);
    List<String> columns = t.columns().stream().map(c -> c.name()).toList();
    return new DatabaseTableEntry(FieldIds.sanitize(tableName(t)), t.schema(), t.name(),
        t.kind().name().toLowerCase(java.util.Locale.ROOT), rows, columns, t.primaryKey());
  }

  static String tableName(DbTable t) {
    return t.schema() == null || t.schema().isEmpty() || t.schema().equals("public")
        || t.schema().equals("main") || t.schema().equalsIgnoreCase("PUBLIC")
        ? t.name() : t.schema() + "." + t.name();
  }

  private static String uniqueId(DbTable t, Set<String> taken) {
    String base = FieldIds.sanitize(tableName(t));
    String id = base;
    for (int i = 2; !taken.add(id); i++) {
      id = base + "_" + i;
    }
    return id;
  }
}
