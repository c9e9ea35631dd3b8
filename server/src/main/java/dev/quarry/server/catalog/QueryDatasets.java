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
import dev.quarry.search.DatasetEntry;
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

  public QueryDatasets(CatalogService catalog) {
    this.catalog = catalog;
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
