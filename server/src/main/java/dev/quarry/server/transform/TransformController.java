package dev.quarry.server.transform;

import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobService;
import dev.quarry.server.jobs.JobView;
import dev.quarry.server.web.ApiException;
import dev.quarry.transform.run.Transforms;
import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.TransformSpec;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Transform jobs over REST: {@code GET /api/v1/transforms} lists the transforms and their
 * parameters; {@code POST /api/v1/transforms} validates a pipeline and queues a {@code transform}
 * job (202, the job's view; follow it at {@code /api/v1/jobs/{id}}); {@code GET
 * /api/v1/transforms/{id}/files} lists its outputs and {@code ?path=...} downloads one.
 */
@RestController
public class TransformController {

  static final String BASE = "/api/v1/transforms";

  private final TransformRequests requests;
  private final TransformJobType jobType;
  private final JobService jobs;
  private final JsonMapper json;

  public TransformController(TransformRequests requests, TransformJobType jobType, JobService jobs, JsonMapper json) {
    this.requests = requests;
    this.jobType = jobType;
    this.jobs = jobs;
    this.json = json;
  }

  @GetMapping(BASE)
  public List<Map<String, Object>> list() {
    return Transforms.all().values().stream().map(TransformController::describe).toList();
  }

  private static Map<String, Object> describe(TransformSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", spec.name());
    m.put("description", spec.description());
    m.put("params", spec.params().stream().map(TransformController::describe).toList());
    return m;
  }

  private static Map<String, Object> describe(Param p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", p.name());
    m.put("type", p.type().name().toLowerCase());
    m.put("default", p.secret() ? null : p.defaultValue());
    m.put("required", !p.optional() && p.defaultValue() == null);
    m.put("secret", p.secret());
    m.put("help", p.help());
    return m;
  }

  @PostMapping(path = BASE, consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<JsonNode> submit(@RequestBody JsonNode body) {
    QuarryUser user = CurrentUser.get();
    // validated against a stand-in output; the job writes into its own results folder
    requests.parse(body, jobType.output("validation"), "validation");
    String datasetId = body.get("dataset_id").stringValue();
    Job job = jobs.submit(TransformJobType.NAME, user, datasetId, json.writeValueAsString(body));
    ObjectNode view = json.valueToTree(JobView.of(job));
    view.put("files_url", BASE + "/" + job.id() + "/files");
    return ResponseEntity.accepted().location(URI.create("/api/v1/jobs/" + job.id())).body(view);
  }

  @GetMapping(BASE + "/{id}/files")
  public ResponseEntity<?> files(@PathVariable String id, @RequestParam(required = false) String path)
      throws IOException {
    Job job = jobs.get(CurrentUser.get(), id);
    if (!job.type().equals(TransformJobType.NAME)) {
      throw ApiException.notFound("no transform job with id '" + id + "'");
    }
    Path root = jobType.output(id).toAbsolutePath().normalize();
    if (path == null) {
      if (!Files.isDirectory(root)) {
        return ResponseEntity.ok(List.of());
      }
      try (Stream<Path> s = Files.walk(root)) {
        List<Map<String, Object>> out = s.filter(Files::isRegularFile)
            .filter(p -> !root.relativize(p).toString().startsWith("_") && !p.getFileName().toString().startsWith("."))
            .sorted()
            .map(p -> Map.<String, Object>of("path", root.relativize(p).toString().replace('\\', '/'),
                "size", p.toFile().length()))
            .toList();
        return ResponseEntity.ok(out);
      }
    }
    Path file = root.resolve(path).normalize();
    if (!file.startsWith(root) || path.contains("..") || !Files.isRegularFile(file)) {
      throw ApiException.notFound("job " + id + " has no output file '" + path + "'");
    }
    Resource body = new FileSystemResource(file);
    MediaType type = path.endsWith(".json") ? MediaType.APPLICATION_JSON : MediaType.APPLICATION_OCTET_STREAM;
    return ResponseEntity.ok().contentType(type)
        .header("Content-Disposition", "attachment; filename=\"" + file.getFileName() + "\"")
        .body(body);
  }
}
