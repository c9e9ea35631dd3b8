package dev.quarry.server.catalog;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.model.DatasetSpec;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.StorageException;
import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileException;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.Profiler;
import dev.quarry.search.ColumnEntry;
import dev.quarry.search.ColumnSketch;
import dev.quarry.search.DatasetEntry;
import dev.quarry.search.SketchBuilder;
import dev.quarry.search.TableSketcher;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobService;
import dev.quarry.server.profiles.DataSources;
import dev.quarry.server.profiles.ProfileJobSpec;
import dev.quarry.server.profiles.ProfileJobType;
import dev.quarry.server.profiles.ProfileResults;
import java.util.ArrayList;
import tools.jackson.databind.json.JsonMapper;
import dev.quarry.search.EntryBuilder;
import dev.quarry.search.Viewer;
import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.web.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * What a join, union or augment request is about: a dataset of the catalog (by id) or a file sent
 * with the request (profiled and sketched on the spot, then forgotten).
 */
@Component
public class QueryDatasets {

  private final CatalogService catalog;
  private final JobService jobs;
  private final ProfileResults results;
  private final DataSources sources;
  private final JsonMapper json;

  public QueryDatasets(CatalogService catalog, JobService jobs, ProfileResults results,
      DataSources sources, JsonMapper json) {
    this.catalog = catalog;
    this.jobs = jobs;
    this.results = results;
    this.sources = sources;
    this.json = json;
  }

  /**
   * The data a profile job profiled, as a query: its catalog entry (the job's {@code cdd_profile})
   * with join sketches made from the data now, or the indexed entry if the job indexed a dataset.
   */
  public DatasetEntry fromProfileJob(String jobId, String field) {
    Job job = jobs.get(CurrentUser.get(), jobId);
    if (!job.type().equals(ProfileJobType.NAME)) {
      throw new ApiException(HttpStatus.NOT_FOUND, "no profile job with id '" + jobId + "'", field);
    }
    String cdd = results.read(jobId, ProfileResults.CDD).orElseThrow(() -> new ApiException(
        HttpStatus.CONFLICT, "profile job '" + jobId + "' has no heavy profile (yet)", field));
    if (job.datasetId() != null) {
      try {
        var indexed = catalog.index().get(job.datasetId());
        if (indexed.isPresent() && viewer().canSee(indexed.get())) {
          return indexed.get();
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    DatasetEntry entry = json.readValue(cdd, DatasetEntry.class).withId("profile:" + jobId);
    ProfileJobSpec spec = json.readValue(job.spec(), ProfileJobSpec.class);
    if (DataSources.DATABASE_CONNECTION.equals(spec.connector().type())) {
      return entry; // database tables: ranges and names only (no sketch of their values)
    }
    String location = sources.resolve(spec.connector(), field);
    List<TableSketcher.Sketched> sketches;
    try {
      sketches = new TableSketcher(catalog.io()).sketch(location);
    } catch (IOException e) {
      throw new ApiException(HttpStatus.CONFLICT, "the data of profile job '" + jobId
          + "' cannot be read any more: " + e.getMessage(), field);
    }
    List<ColumnEntry> columns = new ArrayList<>();
    for (ColumnEntry c : entry.columns()) {
      ColumnSketch sketch = null;
      if (c.kind().isKeyLike()) {
        for (TableSketcher.Sketched k : sketches) {
          if (k.column().equals(c.name())) {
            sketch = sketch == null ? k.sketch() : sketch.union(k.sketch(), SketchBuilder.DEFAULT_K);
          }
        }
      }
      columns.add(c.withSketch(sketch));
    }
    return new DatasetEntry(entry.id(), entry.name(), entry.description(), entry.keywords(),
        entry.source(), entry.license(), entry.formats(), location, entry.rows(), columns,
        entry.temporal(), entry.spatial(), entry.metadata(), entry.indexedAt());
  }

  /** The viewer of the current request. */
  public static Viewer viewer() {
    QuarryUser u = CurrentUser.get();
    return Viewer.user(u.id(), u.isAdmin());
  }

  /**
   * The indexed entry of a catalog dataset the caller may see: 404 if unknown (or not theirs to
   * see), 409 if not indexed (yet).
   */
  public DatasetEntry indexed(String datasetId, String field) {
    if (datasetId == null || datasetId.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required", field);
    }
    try {
      var entry = catalog.index().get(datasetId);
      if (entry.isPresent()) {
        if (!viewer().canSee(entry.get())) {
          throw new ApiException(HttpStatus.NOT_FOUND,
              "no dataset with id '" + datasetId + "' in the catalog", field);
        }
        return entry.get();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    CatalogRecord r = catalog.status(datasetId)
        .orElseThrow(() -> new ApiException(HttpStatus.NOT_FOUND,
            "no dataset with id '" + datasetId + "' in the catalog", field));
    throw new ApiException(HttpStatus.CONFLICT, "dataset '" + datasetId + "' is not indexed: it is "
        + r.status() + (r.error() == null ? "" : " (" + r.error() + ")"), field);
  }

  /** Profiles and sketches an uploaded file; 400 if it cannot be read as a table. */
  public DatasetEntry fromUpload(MultipartFile file, String field) {
    if (file == null || file.isEmpty()) {
      throw ApiException.badRequest("'" + field + "' must be a non-empty file", field);
    }
    Path dir = null;
    try {
      dir = Files.createTempDirectory("quarry-query-");
      Path copy = dir.resolve(safeName(file.getOriginalFilename()));
      try (InputStream in = file.getInputStream()) {
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
      }
      return profile(copy, "upload:" + UUID.randomUUID(), field, file.getOriginalFilename());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      deleteQuietly(dir);
    }
  }

  static DatasetEntry profile(Path copy, String id, String field, String shownName) {
    FileIO io = FileIO.unrestricted();
    try (LocalEngine engine = new LocalEngine(1)) {
      Profile p = new Profiler(io, engine).profile(ProfileRequest.of(copy.toString())
          .withSpec(DatasetSpec.named(shownName)));
      if (p.heavy() == null || p.heavy().recordSets().isEmpty()) {
        throw ApiException.badRequest("'" + shownName + "' holds no table", field);
      }
      return EntryBuilder.sketchAndBuild(io, id, copy.toString(), "upload", p, Map.of());
    } catch (ProfileException | UnreadableInputException | StorageException e) {
      throw ApiException.badRequest("'" + shownName + "' cannot be read: " + e.getMessage()
          .replace(copy.toString(), shownName), field);
    } catch (IOException e) {
      throw ApiException.badRequest("'" + shownName + "' cannot be read: " + e.getMessage(), field);
    }
  }

  /** A file name that stays a file name (no folders, no hidden files). */
  static String safeName(String original) {
    String name = original == null ? "" : original.replace('\\', '/');
    name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
    while (name.startsWith(".")) {
      name = name.substring(1);
    }
    return name.isEmpty() ? "upload" : name;
  }

  static void deleteQuietly(Path dir) {
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // a temporary folder left behind is cleaned by the OS
    }
  }

}
