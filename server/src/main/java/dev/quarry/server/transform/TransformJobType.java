package dev.quarry.server.transform;

import dev.quarry.core.engine.Engine;
import dev.quarry.server.engine.Engines;
import dev.quarry.core.engine.TaskFailure;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.StorageConfig;
import dev.quarry.server.QuarryProperties;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobContext;
import dev.quarry.server.jobs.JobFailure;
import dev.quarry.server.jobs.JobType;
import dev.quarry.server.profiles.ProfileResults;
import dev.quarry.server.web.ApiException;
import dev.quarry.transform.run.InvalidJobException;
import dev.quarry.transform.run.JobReport;
import dev.quarry.transform.run.Orchestrator;
import dev.quarry.transform.run.TransformJob;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code transform} job: runs a pipeline over a dataset folder into
 * {@code results/{jobId}/output/}, with checkpointing always on, so an attempt that died with its
 * instance is resumed by the next one without redoing or losing a file. Stages: QUEUED,
 * TRANSFORMING (progress in files), then DONE, or PARTIAL when some files failed (the result names
 * them); when every file failed the job fails. The result JSON is the job's metadata.json.
 */
@Component
public class TransformJobType implements JobType, DisposableBean {

  public static final String NAME = "transform";
  public static final String TRANSFORMING = "TRANSFORMING";
  public static final String DONE = "DONE";
  public static final String PARTIAL = "PARTIAL";

  private final TransformRequests requests;
  private final ProfileResults folders;
  private final TransformMetrics metrics;
  private final JsonMapper json;
  private final Engine engine;
  private final FileIO io;

  public TransformJobType(TransformRequests requests, ProfileResults folders, TransformMetrics metrics,
      JsonMapper json, QuarryProperties properties, Engines engines) {
    this.requests = requests;
    this.folders = folders;
    this.metrics = metrics;
    this.json = json;
    this.engine = engines.open(properties.workers());
    List<String> roots = new ArrayList<>(properties.storage().allowedRoots());
    roots.add(properties.dataRoot().toAbsolutePath().normalize().toString());
    roots.add(properties.resultsRoot().toAbsolutePath().normalize().toString());
    this.io = FileIO.create(StorageConfig.unrestricted().withAllowedRoots(roots));
  }

  @Override
  public String name() {
    return NAME;
  }

  /** Where a job's outputs go. */
  public Path output(String jobId) {
    return folders.folder(jobId).resolve("output");
  }

  @Override
  public JobOutcome run(Job job, JobContext context) throws Exception {
    TransformJob transform;
    try {
      transform = requests.parse(json.readTree(job.spec()), output(job.id()), job.id());
    } catch (JacksonException e) {
      throw new JobFailure("the job's specification cannot be read: " + e.getOriginalMessage(), e);
    } catch (ApiException | InvalidJobException e) {
      throw new JobFailure(e.getMessage(), e); // e.g. the dataset is gone since submission
    }
    String pipeline = transform.name();
    context.progress(TRANSFORMING, 0, 0);
    JobReport report;
    try {
      report = new Orchestrator(io, engine).run(transform,
          (done, failed, total) -> context.progress(null, done, total), context.cancellation());
    } catch (InvalidJobException e) {
      throw new JobFailure(e.getMessage(), e);
    }
    if (report.status().equals(JobReport.CANCELLED)) {
      return new JobOutcome(null, null);
    }
    long failed = report.failures().size();
    metrics.files(pipeline, "done", report.stats().sourceFiles() - failed);
    metrics.files(pipeline, "failed", failed);
    metrics.rows(pipeline, report.stats().sourceRows(), report.stats().resultRows());
    metrics.bytesWritten(pipeline, report.stats().resultSize());
    metrics.job(pipeline, report.status());
    context.usage(report.stats().sourceRows(), report.stats().sourceSize());
    if (report.status().equals(JobReport.FAILED)) {
      TaskFailure first = report.failures().get(0);
      throw new JobFailure("every file failed; " + first.task() + ": " + first.error());
    }
    ObjectNode result = json.valueToTree(report.metadata());
    result.put("output", "output");
    return new JobOutcome(report.status().equals(JobReport.PARTIAL) ? PARTIAL : DONE,
        json.writeValueAsString(result));
  }

  @Override
  public void discard(String jobId) throws IOException {
    folders.delete(jobId);
  }

  @Override
  public void destroy() {
    engine.close();
  }
}
