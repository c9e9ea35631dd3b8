package dev.quarry.server.profiles;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.datasets.Dataset;
import dev.quarry.server.datasets.DatasetController;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobService;
import dev.quarry.server.jobs.JobView;
import dev.quarry.server.web.ApiException;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/v1/profiles}: submit a profile job for a registered dataset ({@code dataset_id}) or an
 * inline {@code profile_specification}; download its light and heavy Croissant documents and its
 * HTML report.
 */
@RestController
@RequestMapping("/api/v1/profiles")
public class ProfileController {

  public static final MediaType JSON_LD = MediaType.parseMediaType("application/ld+json");

  private final JobService jobs;
  private final ProfileSpecParser parser;
  private final ProfileResults results;
  private final DatasetController datasets;
  private final JsonMapper json;

  public ProfileController(JobService jobs, ProfileSpecParser parser, ProfileResults results,
      DatasetController datasets, JsonMapper json) {
    this.jobs = jobs;
    this.parser = parser;
    this.results = results;
    this.datasets = datasets;
    this.json = json;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JobView> submit(@RequestBody JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object", null);
    }
    QuarryUser user = CurrentUser.get();
    JsonNode datasetId = body.get("dataset_id");
    JsonNode inline = body.get(ProfileSpecParser.SPECIFICATION);
    boolean byId = datasetId != null && !datasetId.isNull();
    boolean byInline = inline != null && !inline.isNull();
    if (byId == byInline) {
      throw ApiException.badRequest("send either 'dataset_id' or 'profile_specification'", "dataset_id");
    }
    DatasetSpec spec;
    String registered = null;
    if (byId) {
      if (!datasetId.isString()) {
        throw ApiException.badRequest("'dataset_id' must be a string", "dataset_id");
      }
      Dataset d = datasets.visible(user, datasetId.stringValue());
      // Re-checked now: the data root or the configured databases may have changed since.
      parser.parseSpecification(json.valueToTree(d.spec()), ProfileSpecParser.SPECIFICATION);
      spec = d.spec();
      registered = d.id();
    } else {
      spec = parser.parseSpecification(inline, ProfileSpecParser.SPECIFICATION);
    }
    ProfileJobSpec jobSpec = new ProfileJobSpec(spec, ProfileSpecParser.lightOnly(body));
    Job job = jobs.submit(ProfileJobType.NAME, user, registered, json.writeValueAsString(jobSpec));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(JobView.of(job));
  }

  @GetMapping(path = "/{jobId}/light", produces = {"application/ld+json", "application/json"})
  public ResponseEntity<String> light(@PathVariable String jobId) {
    return document(jobId, ProfileResults.LIGHT);
  }

  @GetMapping(path = "/{jobId}/heavy", produces = {"application/ld+json", "application/json"})
  public ResponseEntity<String> heavy(@PathVariable String jobId) {
    return document(jobId, ProfileResults.HEAVY);
  }

  @GetMapping(path = "/{jobId}/report", produces = MediaType.TEXT_HTML_VALUE)
  public ResponseEntity<String> report(@PathVariable String jobId) {
    String html = stored(jobId, ProfileResults.REPORT);
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename("profile-" + jobId + ".html").build().toString())
        .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .body(html);
  }

  private ResponseEntity<String> document(String jobId, String name) {
    return ResponseEntity.ok().contentType(JSON_LD).body(stored(jobId, name));
  }

  private String stored(String jobId, String name) {
    Job job = jobs.get(CurrentUser.get(), jobId);
    if (!job.type().equals(ProfileJobType.NAME)) {
      throw ApiException.notFound("no profile job with id '" + jobId + "'");
    }
    return results.read(job.id(), name).orElseThrow(() -> ApiException.notFound(
        "job '" + jobId + "' has no " + name + " (" + ProfilerController.seedStage(job) + ")"));
  }
}
