package dev.quarry.server.slice;

import dev.quarry.core.engine.Engine;
import dev.quarry.server.engine.Engines;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.StorageException;
import dev.quarry.server.QuarryProperties;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobContext;
import dev.quarry.server.jobs.JobFailure;
import dev.quarry.server.jobs.JobType;
import dev.quarry.slice.PreprocessOptions;
import dev.quarry.slice.SliceException;
import dev.quarry.slice.SliceIndex;
import dev.quarry.slice.Slicer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code slice-preprocess} job: scans an object once and writes its slice index. Stages:
 * QUEUED, SCANNING, PREPROCESSED. A malformed object (the message names the byte offset), a stale
 * index without {@code force} or a denied location fails the job at once, without retries.
 *
 * <p>All slice jobs share one engine of {@code quarry.workers} threads.
 */
@Component
public class SlicePreprocessJobType implements JobType, DisposableBean {

  public static final String NAME = "slice-preprocess";

  /** What the job was asked: locations already resolved and checked when it was submitted. */
  public record Spec(String object, String format, String meta, boolean force) {}

  private final SliceAccess access;
  private final JsonMapper json;
  private final Engine engine;

  public SlicePreprocessJobType(SliceAccess access, JsonMapper json, QuarryProperties properties,
      Engines engines) {
    this.access = access;
    this.json = json;
    this.engine = engines.open(properties.workers());
  }

  @Override
  public String name() {
    return NAME;
  }

  String spec(Spec spec) {
    return json.writeValueAsString(spec);
  }

  @Override
  public JobOutcome run(Job job, JobContext context) throws Exception {
    Spec spec;
    try {
      spec = json.readValue(job.spec(), Spec.class);
    } catch (JacksonException e) {
      throw new JobFailure("the job's specification cannot be read: " + e.getOriginalMessage(), e);
    }
    context.progress("SCANNING", 0, 1);
    Slicer.Preprocessed done;
    try {
      Location meta = spec.meta() == null ? null : Location.parse(spec.meta());
      done =
          new Slicer(access.io(), engine)
              .preprocess(
                  Location.parse(spec.object()), spec.format(),
                  PreprocessOptions.defaults().withMeta(meta).withForce(spec.force()),
                  context.cancellation());
    } catch (java.util.concurrent.CancellationException cancelled) {
      return new JobOutcome(null, null); // a cancelled run leaves no index and no result
    } catch (SliceException e) {
      throw new JobFailure(e.getMessage(), e);
    } catch (StorageException e) {
      if (e.userError()) {
        throw new JobFailure(e.getMessage(), e);
      }
      throw e;
    }
    SliceIndex index = done.index();
    context.usage(index.records(), index.objectSize());
    context.progress("PREPROCESSED", 1, 1);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("meta", done.meta().toString());
    result.put("reused", done.reused());
    result.put("format", index.format());
    result.put("records", index.records());
    result.put("object_size", index.objectSize());
    result.put("data_size", index.dataSize());
    result.put("header_bytes", index.header().length);
    result.put("row_groups", index.rowGroups().size());
    return new JobOutcome("PREPROCESSED", json.writeValueAsString(result));
  }

  @Override
  public void destroy() {
    engine.close();
  }
}
