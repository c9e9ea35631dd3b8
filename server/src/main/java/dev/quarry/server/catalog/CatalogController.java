package dev.quarry.server.catalog;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.search.DatasetEntry;
import dev.quarry.search.LuceneSearchIndex;
import dev.quarry.search.TableOutput;
import dev.quarry.search.Viewer;
import dev.quarry.server.QuarryProperties;
import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.datasets.Dataset;
import dev.quarry.server.datasets.DatasetController;
import dev.quarry.server.datasets.DatasetStore;
import dev.quarry.server.profiles.DataSources;
import dev.quarry.server.web.ApiError;
import dev.quarry.server.web.ApiException;
import dev.quarry.server.web.ApiExceptionHandler;
import dev.quarry.search.InvalidQueryException;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.search.DatasetTables;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog's state ({@code /api/v1/catalog}), uploads ({@code POST /api/v1/datasets/upload})
 * and downloads ({@code GET /api/v1/datasets/{id}/download}).
 */
@RestController
public class CatalogController {

  private static final Set<String> KINDS = Set.of("integer", "float", "text", "temporal", "boolean");

  private final CatalogService catalog;
  private final DatasetStore datasets;
  private final DatasetController datasetAccess;
  private final QuarryProperties properties;
  private final JsonMapper json;

  public CatalogController(CatalogService catalog, DatasetStore datasets,
      DatasetController datasetAccess, QuarryProperties properties, JsonMapper json) {
    this.catalog = catalog;
    this.datasets = datasets;
    this.datasetAccess = datasetAccess;
    this.properties = properties;
    this.json = json;
  }

  public record CatalogPage(List<CatalogRecord> items, int page, int size) {}

  public record CatalogView(CatalogRecord catalog, DatasetEntry entry) {}

  @GetMapping(path = "/api/v1/catalog", produces = MediaType.APPLICATION_JSON_VALUE)
  public CatalogPage list(@RequestParam(required = false) String status,
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (!CurrentUser.get().isAdmin()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "only admins list the whole catalog; "
          + "GET /api/v1/catalog/{id} shows one of your datasets");
    }
    if (status != null && !Set.of(CatalogRecord.QUEUED, CatalogRecord.INDEXED, CatalogRecord.FAILED)
        .contains(status)) {
      throw ApiException.badRequest("status must be queued, indexed or failed", "status");
    }
    if (size < 1 || size > 100 || page < 0 || page > 100_000) {
      throw ApiException.badRequest("size must be 1 to 100 and page 0 to 100000", "size");
    }
    return new CatalogPage(catalog.list(status, page * size, size), page, size);
  }

  @GetMapping(path = "/api/v1/catalog/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
  public CatalogView get(@PathVariable String id) throws IOException {
    DatasetEntry e = catalog.index().get(id).map(LuceneSearchIndex::withoutSketches).orElse(null);
    if (e == null ? datasets.find(id).filter(d -> CurrentUser.get().canAccess(d.ownerId())).isEmpty()
        : !QueryDatasets.viewer().canSee(e)) {
      throw ApiException.notFound("no dataset with id '" + id + "' in the catalog");
    }
    CatalogRecord r = catalog.status(id)
        .orElseThrow(() -> ApiException.notFound("no dataset with id '" + id + "' in the catalog"));
    return new CatalogView(r, e);
  }

  /** Profiles and indexes the dataset again (its data changed, or indexing failed). */
  @PostMapping(path = "/api/v1/catalog/{id}/reindex", produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<CatalogRecord> reindex(@PathVariable String id) {
    QuarryUser user = CurrentUser.get();
    Dataset d = datasetAccess.visible(user, id);
    CatalogRecord old = catalog.status(id).orElse(null);
    CatalogService.Origin origin = old == null ? CatalogService.Origin.of("api")
        : new CatalogService.Origin(old.source(), old.metadata(), old.discovererId(),
            old.externalId(), old.version());
    catalog.enqueue(d, user, origin)
        .orElseThrow(() -> ApiException.badRequest("dataset '" + id + "' has no data connector", null));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(catalog.status(id).orElseThrow());
  }

  /**
   * Uploads a file as a new dataset, profiled and indexed as a job.
   *
   * @param metadata optional JSON: {@code name, description, keywords, license, public} (whether
   *     every user may find it; default: only its owner) and {@code column_types}
   *     ({@code {"price": "float"}}: overrides the kind found for a column)
   */
  @PostMapping(path = "/api/v1/datasets/upload", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<CatalogView> upload(
      @RequestPart(name = "file", required = false) MultipartFile file,
      @RequestPart(name = "metadata", required = false) String metadata) throws IOException {
    QuarryUser user = CurrentUser.get();
    if (file == null || file.isEmpty()) {
      throw ApiException.badRequest("'file' must be a non-empty file", "file");
    }
    Map<String, String> extra = new HashMap<>();
    DatasetSpec spec = spec(metadata, extra);
    String folder = "uploads/" + UUID.randomUUID();
    Path dir = properties.dataRoot().toAbsolutePath().normalize().resolve(folder);
    Files.createDirectories(dir);
    String name = QueryDatasets.safeName(file.getOriginalFilename());
    Path target = dir.resolve(name);
    try (InputStream in = file.getInputStream()) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      readable(target, file.getOriginalFilename());
    } catch (ApiException | IOException e) {
      QueryDatasets.deleteQuietly(dir);
      throw e;
    }
    DatasetSpec withData = new DatasetSpec(null, spec.name() == null ? name : spec.name(),
        spec.description(), null, null, spec.license(), null, spec.keywords(), null, null, null,
        null, user.name(), List.of(new DatasetSpec.DataConnector(DataSources.RAW_DATA_PATH, folder, null)));
    Dataset d = datasets.create(user.id(), withData);
    catalog.enqueue(d, user, new CatalogService.Origin("upload", extra, null, null, null));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new CatalogView(catalog.status(d.id()).orElseThrow(), null));
  }

  /** The dataset's first table, as CSV or Parquet. Open to whoever may see it or find it indexed. */
  @GetMapping(path = "/api/v1/datasets/{id}/download")
  public void download(@PathVariable String id,
      @RequestParam(defaultValue = "csv") String format, HttpServletResponse response)
      throws IOException {
    TableOutput.Kind kind = TableOutput.Kind.parse(format);
    DatasetEntry e = catalog.index().get(id).orElse(null);
    if (e != null && !QueryDatasets.viewer().canSee(e)) {
      throw ApiException.notFound("no dataset with id '" + id + "'");
    }
    if (e == null) {
      datasetAccess.visible(CurrentUser.get(), id); // 404 for a dataset the caller cannot see
      throw new ApiException(HttpStatus.CONFLICT, "dataset '" + id + "' is not indexed yet: "
          + catalog.status(id).map(CatalogRecord::status).orElse("not in the catalog"));
    }
    if (e.location() == null || e.location().startsWith("database:")) {
      throw ApiException.badRequest("dataset '" + id + "' is a database table: not downloadable", null);
    }
    String location = e.location();
    response.setContentType(kind.mediaType);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\""
        + QueryDatasets.safeName(e.name()) + kind.extension + "\"");
    java.io.OutputStream os = response.getOutputStream();
    DatasetTables.first(catalog.io(), location, (file, table) -> {
      try (RecordReader r = table.open(); TableOutput out = TableOutput.open(kind, table.schema(), os)) {
        Object[] row;
        while ((row = r.next()) != null) {
          out.write(row);
        }
      }
      return null;
    });
    response.flushBuffer();
  }

  @ExceptionHandler(InvalidQueryException.class)
  ResponseEntity<ApiError> invalid(InvalidQueryException e, HttpServletRequest r) {
    return ApiExceptionHandler.error(HttpStatus.BAD_REQUEST, e.getMessage(), null, r);
  }

  /** Refuses an upload no reader can open as a table (before it is registered). */
  private void readable(Path file, String shown) {
    try {
      int[] tables = new int[1];
      DatasetTables.forEach(catalog.io(), file.toString(), (f, table) -> {
        try (RecordReader r = table.open()) {
          r.next();
        }
        tables[0]++;
      });
      if (tables[0] == 0) {
        throw ApiException.badRequest("'" + shown + "' holds no table", "file");
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ApiException a) {
        throw a;
      }
      String msg = e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage().replace(file.toString(), shown);
      throw ApiException.badRequest("'" + shown + "' cannot be read: " + msg, "file");
    }
  }

  private DatasetSpec spec(String metadata, Map<String, String> extra) {
    if (metadata == null || metadata.isBlank()) {
      return DatasetSpec.named(null);
    }
    JsonNode node;
    try {
      node = json.readTree(metadata);
    } catch (JacksonException e) {
      throw ApiException.badRequest("'metadata' is not JSON: " + e.getOriginalMessage(), "metadata");
    }
    if (!node.isObject()) {
      throw ApiException.badRequest("'metadata' must be a JSON object", "metadata");
    }
    JsonNode pub = node.get("public");
    if (pub != null && !pub.isNull()) {
      if (!pub.isBoolean()) {
        throw ApiException.badRequest("'metadata.public' must be true or false", "metadata.public");
      }
      extra.put(Viewer.VISIBILITY, pub.booleanValue() ? Viewer.PUBLIC : Viewer.PRIVATE);
    }
    JsonNode types = node.get("column_types");
    if (types != null && !types.isNull()) {
      if (!types.isObject()) {
        throw ApiException.badRequest("'metadata.column_types' must map column names to kinds",
            "metadata.column_types");
      }
      for (Map.Entry<String, JsonNode> t : types.properties()) {
        String kind = t.getValue().isString() ? t.getValue().stringValue().toLowerCase(Locale.ROOT) : "";
        if (!KINDS.contains(kind)) {
          throw ApiException.badRequest("'metadata.column_types." + t.getKey() + "' must be one of "
              + KINDS, "metadata.column_types");
        }
        extra.put(CatalogService.COLUMN_TYPE + t.getKey(), kind);
      }
    }
    List<String> keywords = null;
    JsonNode kw = node.get("keywords");
    if (kw != null && kw.isArray()) {
      keywords = new java.util.ArrayList<>();
      for (JsonNode k : kw) {
        keywords.add(k.asString());
      }
    }
    return new DatasetSpec(null, text(node, "name"), text(node, "description"), null, null,
        text(node, "license"), null, keywords, null, null, null, null, null, null);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isString()) {
      throw ApiException.badRequest("'metadata." + field + "' must be a string", "metadata." + field);
    }
    return v.stringValue();
  }
}
