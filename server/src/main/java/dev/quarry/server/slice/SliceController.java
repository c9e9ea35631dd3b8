package dev.quarry.server.slice;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.StorageException;
import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobService;
import dev.quarry.server.jobs.JobView;
import dev.quarry.server.web.ApiException;
import dev.quarry.slice.MissingIndexException;
import dev.quarry.slice.PartitionStrategy;
import dev.quarry.slice.Slice;
import dev.quarry.slice.SliceException;
import dev.quarry.slice.SliceFormats;
import dev.quarry.slice.SliceJson;
import dev.quarry.slice.Slicer;
import dev.quarry.slice.StaleIndexException;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slicing over HTTP.
 *
 * <ul>
 *   <li>{@code GET /api/v1/slice/formats}: the format names.
 *   <li>{@code POST /api/v1/slice/preprocess} {@code {"object", "format", "meta"?, "force"?}}: a
 *       {@code slice-preprocess} job (202 with the job); {@code GET
 *       /api/v1/slice/preprocess/{jobId}} shows it with its result (records, sizes, where the index
 *       is) once done.
 *   <li>{@code POST /api/v1/slice/partition} {@code {"object", "format", "meta"?, and one of
 *       "slices", "slice_bytes", "records", "row_groups"}}: 200 with {@code slices}, each the JSON
 *       form {@code quarry slice read} and {@link Slice} read. 409 when the object has no index or
 *       a stale one.
 * </ul>
 */
@RestController
public class SliceController {

  public static final String BASE = "/api/v1/slice";

  private final SliceAccess access;
  private final SlicePreprocessJobType jobType;
  private final JobService jobs;
  private final JsonMapper json;

  public SliceController(SliceAccess access, SlicePreprocessJobType jobType, JobService jobs, JsonMapper json) {
    this.access = access;
    this.jobType = jobType;
    this.jobs = jobs;
    this.json = json;
  }

  public record PreprocessRequest(String object, String format, String meta, Boolean force) {}

  public record PartitionRequest(
      String object,
      String format,
      String meta,
      Integer slices,
      @JsonProperty("slice_bytes") Long sliceBytes,
      Long records,
      @JsonProperty("row_groups") Integer rowGroups) {}

  @GetMapping(BASE + "/formats")
  public Map<String, Object> formats() {
    return Map.of("formats", SliceFormats.names());
  }

  @PostMapping(path = BASE + "/preprocess", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JobView> preprocess(@RequestBody PreprocessRequest request) {
    String format = format(request.format());
    Location object = existing(request.object());
    Location meta = request.meta() == null ? null : access.resolve(request.meta(), "meta");
    if (meta == null && object.isHttp()) {
      throw ApiException.badRequest("an HTTP object needs a 'meta' location for its index", "meta");
    }
    Job job =
        jobs.submit(
            SlicePreprocessJobType.NAME, CurrentUser.get(), null,
            jobType.spec(
                new SlicePreprocessJobType.Spec(
                    object.uri(), format, meta == null ? null : meta.uri(),
                    Boolean.TRUE.equals(request.force()))));
    return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(JobView.of(job));
  }

  @GetMapping(BASE + "/preprocess/{id}")
  public JsonNode preprocessJob(@PathVariable String id) {
    Job job = jobs.get(CurrentUser.get(), id);
    if (!SlicePreprocessJobType.NAME.equals(job.type())) {
      throw ApiException.notFound("no slice-preprocess job " + id);
    }
    ObjectNode view = json.valueToTree(JobView.of(job));
    if (job.result() != null) {
      view.set("result", json.readTree(job.result()));
    }
    return view;
  }

  @PostMapping(path = BASE + "/partition", consumes = MediaType.APPLICATION_JSON_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<String> partition(@RequestBody PartitionRequest request) throws IOException {
    String format = format(request.format());
    Location object = existing(request.object());
    Location meta = request.meta() == null ? null : access.resolve(request.meta(), "meta");
    PartitionStrategy strategy = strategy(request);
    List<Slice> slices;
    try {
      slices = new Slicer(access.io()).partition(object, format, meta, strategy);
    } catch (MissingIndexException | StaleIndexException e) {
      throw new ApiException(HttpStatus.CONFLICT, e.getMessage());
    } catch (SliceException e) {
      throw ApiException.badRequest(e.getMessage(), null);
    } catch (StorageException e) {
      if (e.userError()) {
        throw ApiException.badRequest(e.getMessage(), null);
      }
      throw e;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("object", object.toString());
    body.put("format", format);
    body.put("count", slices.size());
    body.put("records", slices.stream().mapToLong(Slice::records).sum());
    body.put("slices", slices);
    return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(SliceJson.toJson(body));
  }

  private static String format(String name) {
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("'format' is required", "format");
    }
    try {
      return SliceFormats.get(name).name();
    } catch (SliceException e) {
      throw ApiException.badRequest(e.getMessage(), "format");
    }
  }

  private Location existing(String text) {
    Location object = access.resolve(text, "object");
    try {
      if (!access.io().exists(object)) {
        throw ApiException.notFound("no object at " + object);
      }
    } catch (StorageException e) {
      throw ApiException.badRequest(e.getMessage(), "object");
    } catch (IOException e) {
      throw new ApiException(HttpStatus.BAD_GATEWAY, "cannot reach " + object + ": " + e.getMessage(), "object");
    }
    return object;
  }

  private static PartitionStrategy strategy(PartitionRequest r) {
    int given = (r.slices() != null ? 1 : 0) + (r.sliceBytes() != null ? 1 : 0)
        + (r.records() != null ? 1 : 0) + (r.rowGroups() != null ? 1 : 0);
    if (given != 1) {
      throw ApiException.badRequest(
          "give exactly one of 'slices', 'slice_bytes', 'records', 'row_groups'", "slices");
    }
    try {
      if (r.slices() != null) {
        return PartitionStrategy.slices(r.slices());
      }
      if (r.sliceBytes() != null) {
        return PartitionStrategy.bytes(r.sliceBytes());
      }
      if (r.records() != null) {
        return PartitionStrategy.records(r.records());
      }
      return PartitionStrategy.rowGroups(r.rowGroups());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), "slices");
    }
  }
}
