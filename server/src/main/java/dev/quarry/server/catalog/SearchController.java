package dev.quarry.server.catalog;

import dev.quarry.search.Augmenter;
import dev.quarry.search.BoundingBox;
import dev.quarry.search.ColumnPair;
import dev.quarry.search.DatasetEntry;
import dev.quarry.search.InvalidQueryException;
import dev.quarry.search.JoinHit;
import dev.quarry.search.SchemaMatcher;
import dev.quarry.search.SearchQuery;
import dev.quarry.search.SearchResults;
import dev.quarry.search.TableOutput;
import dev.quarry.search.TimeRange;
import dev.quarry.search.UnionHit;
import dev.quarry.server.web.ApiError;
import dev.quarry.server.web.ApiException;
import dev.quarry.server.web.ApiExceptionHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * {@code /api/v1/search}: keyword search with filters and facets; join and union discovery for a
 * catalog dataset or an uploaded file; augmentation with a found dataset. Each user sees public
 * entries (discovered data, uploads marked public) and their own; admins see all.
 */
@RestController
@RequestMapping(path = "/api/v1/search")
public class SearchController {

  private static final int MAX_SIZE = 100;

  private final CatalogService catalog;
  private final QueryDatasets queries;

  public SearchController(CatalogService catalog, QueryDatasets queries) {
    this.catalog = catalog;
    this.queries = queries;
  }

  /** Keywords (ranked), facet filters, a time range and a bounding box; one page with facet counts. */
  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  public SearchResults search(
      @RequestParam(name = "q", required = false) String q,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String bbox,
      @RequestParam(required = false) List<String> source,
      @RequestParam(required = false) List<String> license,
      @RequestParam(required = false) List<String> format,
      @RequestParam(name = "semantic_type", required = false) List<String> semanticType,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "10") int size) throws IOException {
    if (size < 1 || size > MAX_SIZE) {
      throw ApiException.badRequest("size must be between 1 and " + MAX_SIZE, "size");
    }
    if (page < 0 || (long) page * size > 10_000) {
      throw ApiException.badRequest("page must be between 0 and " + 10_000 / size, "page");
    }
    Map<String, List<String>> filters = new HashMap<>();
    put(filters, "source", source);
    put(filters, "license", license);
    put(filters, "format", format);
    put(filters, "semantic_type", semanticType);
    SearchQuery query = new SearchQuery(q, filters, instant(from, "from", false),
        instant(to, "to", true), bbox == null ? null : BoundingBox.parse(bbox), page * size, size);
    return catalog.index().search(query, QueryDatasets.viewer());
  }

  /** One of {@code dataset_id} (a catalog dataset) or {@code profile_job_id} (a profile job's data). */
  public record JoinRequest(String dataset_id, String profile_job_id, Double min_containment,
      Integer limit) {}

  public record JoinResponse(String query, List<JoinHit> results) {}

  public record UnionResponse(String query, List<UnionHit> results) {}

  /** Datasets joinable with a catalog dataset: {@code {"dataset_id": ...}}. */
  @PostMapping(path = "/join", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public JoinResponse join(@RequestBody JoinRequest body) throws IOException {
    DatasetEntry q = query(body);
    return new JoinResponse(q.id(), catalog.index().joinSearch(q, minContainment(body.min_containment()),
        limit(body.limit()), QueryDatasets.viewer()));
  }

  /** Datasets joinable with an uploaded file (multipart part {@code file}). */
  @PostMapping(path = "/join", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public JoinResponse joinUpload(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(name = "min_containment", required = false) Double min,
      @RequestParam(required = false) Integer limit) throws IOException {
    DatasetEntry q = queries.fromUpload(file, "file");
    return new JoinResponse(q.name(), catalog.index().joinSearch(q, minContainment(min), limit(limit),
        QueryDatasets.viewer()));
  }

  @PostMapping(path = "/union", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public UnionResponse union(@RequestBody JoinRequest body) throws IOException {
    DatasetEntry q = query(body);
    return new UnionResponse(q.id(), catalog.index().unionSearch(q, limit(body.limit()),
        QueryDatasets.viewer()));
  }

  @PostMapping(path = "/union", consumes = MediaType.MULTIPART_FORM_DATA_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public UnionResponse unionUpload(@RequestPart(name = "file", required = false) MultipartFile file,
      @RequestParam(required = false) Integer limit) throws IOException {
    DatasetEntry q = queries.fromUpload(file, "file");
    return new UnionResponse(q.name(), catalog.index().unionSearch(q, limit(limit),
        QueryDatasets.viewer()));
  }

  /**
   * Executes a join or union of two catalog datasets.
   *
   * @param kind {@code join} (needs {@code left_column}, {@code right_column}; {@code aggregation}
   *     first|mean|sum|min|max|count) or {@code union} (columns matched by name unless
   *     {@code columns} maps left to right names)
   */
  public record AugmentRequest(String dataset_id, String with, String kind, String left_column,
      String right_column, String aggregation, Map<String, String> columns, String format) {}

  @PostMapping(path = "/augment", consumes = MediaType.APPLICATION_JSON_VALUE)
  public void augment(@RequestBody AugmentRequest body, HttpServletResponse response)
      throws IOException {
    if (body == null) {
      throw ApiException.badRequest("a JSON body is required", null);
    }
    DatasetEntry left = queries.indexed(body.dataset_id(), "dataset_id");
    DatasetEntry right = queries.indexed(body.with(), "with");
    TableOutput.Kind out = TableOutput.Kind.parse(body.format() == null ? "csv" : body.format());
    String kind = body.kind() == null ? "join" : body.kind();
    Augmenter augmenter = new Augmenter(catalog.io());
    Output stream;
    switch (kind) {
      case "join" -> {
        String lc = require(body.left_column(), "left_column");
        String rc = require(body.right_column(), "right_column");
        requireColumn(left, lc, "left_column");
        requireColumn(right, rc, "right_column");
        Augmenter.Aggregation agg = Augmenter.Aggregation.parse(
            body.aggregation() == null ? "first" : body.aggregation());
        stream = os -> augmenter.join(left.location(), lc, right.location(), rc, agg, out, os);
      }
      case "union" -> {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (body.columns() != null && !body.columns().isEmpty()) {
          body.columns().forEach((l, r) -> {
            requireColumn(left, l, "columns");
            requireColumn(right, r, "columns");
            pairs.put(l, r);
          });
        } else {
          for (ColumnPair p : SchemaMatcher.match(left.columns(), right.columns())) {
            pairs.put(p.queryColumn(), p.column());
          }
        }
        if (pairs.isEmpty()) {
          throw ApiException.badRequest("no columns of '" + right.id() + "' match those of '"
              + left.id() + "': give 'columns'", "columns");
        }
        stream = os -> augmenter.union(left.location(), right.location(), pairs, out, os);
      }
      default -> throw ApiException.badRequest("kind must be 'join' or 'union'", "kind");
    }
    // Written in the request's thread: the checks above are done, the body streams as it is made.
    response.setContentType(out.mediaType);
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
        "attachment; filename=\"augmented" + out.extension + "\"");
    stream.writeTo(response.getOutputStream());
    response.flushBuffer();
  }

  /** Writes a response body. */
  interface Output {
    void writeTo(java.io.OutputStream out) throws IOException;
  }

  private DatasetEntry query(JoinRequest body) {
    if (body != null && body.profile_job_id() != null && !body.profile_job_id().isBlank()) {
      if (body.dataset_id() != null) {
        throw ApiException.badRequest("give 'dataset_id' or 'profile_job_id', not both", "dataset_id");
      }
      return queries.fromProfileJob(body.profile_job_id(), "profile_job_id");
    }
    return queries.indexed(body == null ? null : body.dataset_id(), "dataset_id");
  }

  @ExceptionHandler(InvalidQueryException.class)
  ResponseEntity<ApiError> invalid(InvalidQueryException e, HttpServletRequest r) {
    return ApiExceptionHandler.error(HttpStatus.BAD_REQUEST, e.getMessage(), null, r);
  }

  private static void requireColumn(DatasetEntry e, String column, String field) {
    if (e.columns().stream().noneMatch(c -> c.name().equals(column))) {
      throw ApiException.badRequest("dataset '" + e.id() + "' has no column '" + column + "'", field);
    }
  }

  private static String require(String v, String field) {
    if (v == null || v.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required", field);
    }
    return v;
  }

  private static double minContainment(Double v) {
    if (v == null) {
      return 0.1;
    }
    if (!(v > 0 && v <= 1)) {
      throw ApiException.badRequest("min_containment must be in (0, 1]", "min_containment");
    }
    return v;
  }

  private static int limit(Integer v) {
    if (v == null) {
      return 10;
    }
    if (v < 1 || v > MAX_SIZE) {
      throw ApiException.badRequest("limit must be between 1 and " + MAX_SIZE, "limit");
    }
    return v;
  }

  private static void put(Map<String, List<String>> filters, String key, List<String> values) {
    if (values != null && !values.isEmpty()) {
      filters.put(key, values);
    }
  }

  /** An ISO instant, or a date (the start of the day for {@code from}, its end for {@code to}). */
  static Instant instant(String text, String field, boolean endOfDay) {
    try {
      return TimeRange.parseBound(text, "'" + field + "'", endOfDay);
    } catch (InvalidQueryException e) {
      throw ApiException.badRequest(e.getMessage(), field);
    }
  }

}
