package dev.quarry.server.profiles;

import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobService;
import dev.quarry.server.jobs.JobStatus;
import dev.quarry.server.web.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The seed profiler's routes with its JSON shapes, so its clients work unchanged; backed by durable
 * jobs. Differences from the seed: an unknown (or another user's) job id is a 404 JSON error rather
 * than a 500, except on {@code runner_status}, whose answers include {@code unknown} for exactly
 * that case.
 */
@RestController
@RequestMapping(path = "/profiler", produces = MediaType.APPLICATION_JSON_VALUE)
public class ProfilerController {

  private final JobService jobs;
  private final ProfileSpecParser parser;
  private final ProfileResults results;
  private final JsonMapper json;

  public ProfilerController(JobService jobs, ProfileSpecParser parser, ProfileResults results, JsonMapper json) {
    this.jobs = jobs;
    this.parser = parser;
    this.results = results;
    this.json = json;
  }

  public record TriggerResponse(String job_id, String status) {}

  public record StatusResponse(String job_id, String status) {}

  public record CleanUpResponse(String detail) {}

  @PostMapping(path = "/trigger_profile", consumes = MediaType.APPLICATION_JSON_VALUE)
  public TriggerResponse trigger(@RequestBody JsonNode body) {
    ProfileJobSpec spec = parser.parseRequest(body);
    Job job = jobs.submit(ProfileJobType.NAME, CurrentUser.get(), null, json.writeValueAsString(spec));
    return new TriggerResponse(job.id(), "Job submitted");
  }

  /** SUBMITTING, STARTING, LIGHT_PROFILE_READY, HEAVY_PROFILES_READY or FAILED. */
  @GetMapping("/job_status/{id}")
  public StatusResponse jobStatus(@PathVariable String id) {
    Job job = profileJob(CurrentUser.get(), id);
    return new StatusResponse(job.id(), seedStage(job));
  }

  /** pending, in_progress, completed, failed; unknown for an id this user has no job under. */
  @GetMapping("/runner_status/{id}")
  public StatusResponse runnerStatus(@PathVariable String id) {
    QuarryUser user = CurrentUser.get();
    String status;
    try {
      status = switch (profileJob(user, id).status()) {
        case QUEUED -> "pending";
        case RUNNING -> "in_progress";
        case SUCCEEDED -> "completed";
        case FAILED, CANCELLED -> "failed";
      };
    } catch (ApiException notFound) {
      status = "unknown";
    }
    return new StatusResponse(id, status);
  }

  /**
   * The light and heavy Croissant documents as JSON objects, and as {@code cdd_profile} the search
   * catalog's entry for the data (once the heavy profile is ready).
   */
  @GetMapping("/profile/{id}")
  public Map<String, Object> profile(@PathVariable String id) {
    Job job = profileJob(CurrentUser.get(), id);
    String stage = seedStage(job);
    if (!stage.equals(ProfileJobType.LIGHT_PROFILE_READY) && !stage.equals(ProfileJobType.HEAVY_PROFILES_READY)) {
      throw ApiException.notFound("job '" + id + "' has no profile"
          + (job.status() == JobStatus.FAILED ? ": it failed: " + job.error() : " yet (" + stage + ")"));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("moma_profile_light", document(id, ProfileResults.LIGHT));
    out.put("moma_profile_heavy", stage.equals(ProfileJobType.HEAVY_PROFILES_READY)
        ? document(id, ProfileResults.HEAVY) : null);
    out.put("cdd_profile", stage.equals(ProfileJobType.HEAVY_PROFILES_READY)
        ? results.read(id, ProfileResults.CDD).map(json::readTree).orElse(null) : null);
    return out;
  }

  /** Deletes the job's results and the job itself (cancelling it if it still runs). */
  @PostMapping(path = "/clean_up", consumes = MediaType.APPLICATION_JSON_VALUE)
  public CleanUpResponse cleanUp(@RequestBody JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the request body must be a JSON object", null);
    }
    JsonNode id = body.get("profile_job_id");
    if (id == null || id.isNull()) {
      throw ApiException.badRequest("'profile_job_id' is required", "profile_job_id");
    }
    if (!id.isString() || id.stringValue().isBlank()) {
      throw ApiException.badRequest("'profile_job_id' must be a job id", "profile_job_id");
    }
    Job job = profileJob(CurrentUser.get(), id.stringValue());
    jobs.delete(CurrentUser.get(), job.id());
    return new CleanUpResponse("SUCCESS");
  }

  private JsonNode document(String id, String name) {
    String text = results.read(id, name)
        .orElseThrow(() -> ApiException.notFound("the profile of job '" + id + "' is no longer stored"));
    return json.readTree(text);
  }

  private Job profileJob(QuarryUser user, String id) {
    Job job = jobs.get(user, id);
    if (!job.type().equals(ProfileJobType.NAME)) {
      throw ApiException.notFound("no profile job with id '" + id + "'");
    }
    return job;
  }

  /** The seed's status words: a job that failed or was cancelled shows FAILED. */
  static String seedStage(Job job) {
    if (job.status() == JobStatus.FAILED || job.status() == JobStatus.CANCELLED) {
      return "FAILED";
    }
    if (job.status() == JobStatus.QUEUED && job.startedAt() == null) {
      return ProfileJobType.SUBMITTING;
    }
    return job.stage();
  }
}
