package dev.quarry.server.transform;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.server.profiles.DataSources;
import dev.quarry.server.web.ApiException;
import dev.quarry.transform.run.InvalidJobException;
import dev.quarry.transform.run.JobRequest;
import dev.quarry.transform.run.TransformJob;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a transform job body:
 *
 * <pre>
 * {"dataset_id": "crawl/2024",                       // a folder under the data root
 *  "transforms": [{"name": "filter", "params": {"criteria_list": ["x > 1"]}}],
 *  "max_files": 10, "num_samples": -1, "pipeline_id": "p1"}
 * </pre>
 *
 * Every parameter is validated before the job is queued; a bad one is a 400 naming it. The output
 * goes to the job's own results folder, never to a location the request names.
 */
@Component
public class TransformRequests {

  private static final List<String> OPTIONS = List.of("max_files", "num_samples", "seed", "files_to_use",
      "pipeline_id", "batch_rows");

  private final DataSources sources;
  private final JsonMapper json;

  public TransformRequests(DataSources sources, JsonMapper json) {
    this.sources = sources;
    this.json = json;
  }

  /** The job's input folder, resolved under the data root (again when the job runs). */
  Path input(JsonNode body) {
    JsonNode id = body.get("dataset_id");
    String datasetId = id == null || !id.isString() ? null : id.stringValue();
    return Path.of(sources.resolve(new DatasetSpec.DataConnector(DataSources.RAW_DATA_PATH, datasetId, null), "transform"));
  }

  /** Validates {@code body} as if its output were {@code output}. */
  TransformJob parse(JsonNode body, Path output, String jobId) {
    if (body == null || !body.isObject()) {
      throw ApiException.badRequest("the body must be a JSON object with dataset_id and transforms", null);
    }
    for (Map.Entry<String, JsonNode> e : body.properties()) {
      if (!e.getKey().equals("dataset_id") && !e.getKey().equals("transforms") && !OPTIONS.contains(e.getKey())) {
        throw ApiException.badRequest("unknown field '" + e.getKey() + "' (fields: dataset_id, transforms, "
            + String.join(", ", OPTIONS) + ")", e.getKey());
      }
    }
    Path input = input(body);
    // the pipeline-file reader does the typing and the checks; only the locations are ours
    Map<String, Object> options = new LinkedHashMap<>();
    options.put("input", input.toString());
    options.put("output", output.toString());
    options.put("job_id", jobId);
    options.put("checkpointing", true); // a retried attempt resumes where the last one stopped
    try {
      JobRequest parsed = JobRequest.parsePipeline(withoutDataset(body), "the request");
      options.putAll(parsed.options());
      return new JobRequest(options, parsed.transforms()).validate();
    } catch (InvalidJobException e) {
      throw ApiException.badRequest(e.getMessage(), e.parameter());
    }
  }

  /** The body as pipeline-file JSON, without the dataset id (the locations are set by the service). */
  private String withoutDataset(JsonNode body) {
    tools.jackson.databind.node.ObjectNode copy = (tools.jackson.databind.node.ObjectNode) body.deepCopy();
    copy.remove("dataset_id");
    return json.writeValueAsString(copy);
  }
}
