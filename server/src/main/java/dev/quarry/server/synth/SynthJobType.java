package dev.quarry.server.synth;

import dev.quarry.core.engine.RunOptions;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobContext;
import dev.quarry.server.jobs.JobFailure;
import dev.quarry.server.jobs.JobType;
import dev.quarry.server.web.ApiException;
import dev.quarry.synth.TableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code synth} job: writes every table of a request to {@code results/{jobId}/}, one file per
 * table. Its spec is {@code {"planned_rows": N, "request": <the request body>}}; the request is
 * validated again when the job runs (the limits may have changed since), a now invalid one failing
 * the job for good. Stages: QUEUED, GENERATING (progress in rows), WRITTEN. Requests that were
 * streamed are recorded as jobs of this type that ended at once in stage STREAMED (they have no
 * files), so usage statistics and the daily quota see them.
 *
 * <p>The result JSON is {@code {"format": "csv", "compress": "none", "files": {"table": "file"}}}.
 */
@Component
public class SynthJobType implements JobType {

  public static final String NAME = "synth";
  public static final String PLANNED_ROWS = "planned_rows";
  public static final String REQUEST = "request";
  public static final String GENERATING = "GENERATING";
  public static final String WRITTEN = "WRITTEN";
  public static final String STREAMED = "STREAMED";

  private final SynthRequests requests;
  private final SynthResults results;
  private final SynthEngine engine;
  private final JsonMapper json;

  public SynthJobType(SynthRequests requests, SynthResults results, SynthEngine engine, JsonMapper json) {
    this.requests = requests;
    this.results = results;
    this.engine = engine;
    this.json = json;
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The spec stored with a job (or a recorded stream) for {@code request}. */
  public String spec(JsonNode request, long plannedRows) {
    ObjectNode spec = json.createObjectNode();
    spec.put(PLANNED_ROWS, plannedRows);
    spec.set(REQUEST, request);
    return json.writeValueAsString(spec);
  }

  @Override
  public JobOutcome run(Job job, JobContext context) throws Exception {
    SynthPlan plan;
    try {
      plan = requests.parse(json.readTree(job.spec()).get(REQUEST));
    } catch (JacksonException e) {
      throw new JobFailure("the job's specification cannot be read: " + e.getOriginalMessage(), e);
    } catch (ApiException e) {
      throw new JobFailure(e.getMessage(), e);
    }
    String id = job.id();
    results.deleteTemporaryFiles(id); // a run before this one may have died while writing
    long total = plan.rows();
    context.progress(GENERATING, 0, total);
    long rowsDone = 0;
    long bytes = 0;
    Map<String, String> files = new LinkedHashMap<>();
    for (String table : plan.tables()) {
      if (context.cancellation().isCancelled()) {
        return new JobOutcome(null, null);
      }
      String name = plan.fileName(table);
      long base = rowsDone;
      long rows = plan.rowsOf(table);
      RunOptions options = SynthEngine.options(context.cancellation())
          .withProgress(TableWriter.rowsProgress(rows, 0, done -> context.progress(null, base + done, total)));
      TableWriter.Result[] written = new TableWriter.Result[1];
      try {
        results.write(id, name, out -> written[0] = engine.write(plan, table, out, options, false));
      } catch (IOException e) {
        if (context.cancellation().isCancelled()) {
          return new JobOutcome(null, null);
        }
        throw e;
      }
      rowsDone += written[0].rows();
      bytes += Files.size(results.file(id, name));
      context.usage(rowsDone, bytes);
      context.progress(null, rowsDone, total);
      files.put(table, name);
    }
    ObjectNode result = json.createObjectNode();
    result.put("format", plan.format().name());
    result.put("compress", plan.compression().id());
    ObjectNode f = result.putObject("files");
    files.forEach(f::put);
    return new JobOutcome(WRITTEN, json.writeValueAsString(result));
  }

  @Override
  public void discard(String jobId) throws IOException {
    results.delete(jobId);
  }
}
