package dev.quarry.transform.run;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.ProgressListener;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.ListOptions;
import dev.quarry.core.storage.Location;
import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.PrepareContext;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs a {@link TransformJob}: lists the input files, skips the units a previous run recorded as
 * done (checkpointing), lets each transform prepare its shared state, runs one task per unit on
 * the engine's worker pool (a unit whose transform throws is reported as failed and the others go
 * on; no retries, since a transform that threw once will throw again), then writes
 * {@code metadata.json} with the anchor's keys.
 */
public final class Orchestrator {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final FileIO io;
  private final Engine engine;

  public Orchestrator(FileIO io, Engine engine) {
    this.io = io;
    this.engine = engine;
  }

  public JobReport run(TransformJob job) throws IOException {
    return run(job, ProgressListener.NONE, new Cancellation());
  }

  /**
   * @param progress told after each unit of work ends (done, failed, total)
   * @throws InvalidJobException if the input folder is missing or holds no input files
   */
  public JobReport run(TransformJob job, ProgressListener progress, Cancellation cancellation)
      throws IOException {
    Instant start = Instant.now();
    List<UnitTask.Input> files = listInputs(job);
    Checkpoints.removeStaleTemporaries(io, job.output());
    Checkpoints.Done done =
        job.checkpointing() ? Checkpoints.load(io, job.output()) : new Checkpoints.Done(java.util.Set.of(), List.of());

    // units of work
    Map<String, List<UnitTask.Input>> units = new LinkedHashMap<>();
    for (UnitTask.Input f : files) {
      String key = job.spansFiles() ? folderKey(f.relPath()) : f.relPath();
      units.computeIfAbsent(key, k -> new ArrayList<>()).add(f);
    }
    List<PrepareContext.Source> all = new ArrayList<>();
    List<PrepareContext.Source> todo = new ArrayList<>();
    for (Map.Entry<String, List<UnitTask.Input>> u : units.entrySet()) {
      for (UnitTask.Input f : u.getValue()) {
        PrepareContext.Source in = new PrepareContext.Source(f.relPath(), io.newInputFile(f.location()));
        all.add(in);
        if (!done.units().contains(u.getKey())) {
          todo.add(in);
        }
      }
    }
    List<InputFile> doneOutputs = new ArrayList<>();
    for (String rel : done.outputs()) {
      Location l = job.output().resolve(rel);
      if (io.exists(l)) {
        doneOutputs.add(io.newInputFile(l));
      }
    }

    // shared state of each transform, before any worker starts
    List<UnitTask.StepRef> refs = new ArrayList<>();
    List<Serializable> shared = new ArrayList<>();
    for (Step s : job.steps()) {
      Serializable state;
      try {
        state = s.spec().prepare(new PrepareContext(all, todo, doneOutputs, io, engine, s.params()));
      } catch (IOException | RuntimeException e) {
        throw e;
      } catch (Exception e) {
        throw new IOException(s.name() + ": preparing shared state failed: " + e.getMessage(), e);
      }
      shared.add(state);
      refs.add(new UnitTask.StepRef(s.name(), s.params(), state));
    }

    List<UnitTask> tasks = new ArrayList<>();
    for (Map.Entry<String, List<UnitTask.Input>> u : units.entrySet()) {
      if (!done.units().contains(u.getKey())) {
        tasks.add(new UnitTask(u.getKey(), u.getValue(), job.output(), refs, job.spansFiles(),
            job.checkpointing(), job.batchRows(), io));
      }
    }
    progress.onProgress(0, 0, tasks.size()); // the total, before the first unit ends
    RunResult<UnitStats> result =
        engine.run(tasks, UnitStats::merge, new RunOptions(1, progress, cancellation));
    UnitStats stats = result.merged().orElseGet(UnitStats::new);
    for (int i = 0; i < job.steps().size(); i++) {
      stats.addMetadata(job.steps().get(i).spec().statistics(shared.get(i)));
    }
    String status;
    if (result.cancelled()) {
      status = JobReport.CANCELLED;
    } else if (!tasks.isEmpty() && result.failures().size() == tasks.size()) {
      status = JobReport.FAILED;
    } else if (!result.failures().isEmpty()) {
      status = JobReport.PARTIAL;
    } else {
      status = JobReport.SUCCESS;
    }
    Instant end = Instant.now();
    int skipped = units.size() - tasks.size();
    JobReport report = new JobReport(status, start, end, stats, units.size(), skipped,
        result.failures(), Map.of());
    Map<String, Object> metadata = metadata(job, report);
    byte[] body = JSON.writeValueAsBytes(metadata);
    io.newOutputFile(job.output().resolve("metadata.json")).write(out -> out.write(body));
    return new JobReport(status, start, end, stats, units.size(), skipped, result.failures(), metadata);
  }

  private static String folderKey(String relPath) {
    int slash = relPath.lastIndexOf('/');
    return slash < 0 ? "./" : relPath.substring(0, slash + 1);
  }

  /** Input files in job order (sorted by relative path), after sampling and max_files. */
  private List<UnitTask.Input> listInputs(TransformJob job) throws IOException {
    Location input = job.input();
    boolean folder = io.isDirectory(input);
    if (!folder && !io.exists(input)) {
      throw new InvalidJobException("input", input + " does not exist");
    }
    List<UnitTask.Input> files = new ArrayList<>();
    if (!folder) {
      files.add(new UnitTask.Input(input, input.name()));
    } else {
      for (FileStatus s : io.list(input, ListOptions.RECURSIVE)) {
        String rel = input.relativize(s.location());
        if (hidden(rel) || job.filesToUse().stream().noneMatch(rel::endsWith)) {
          continue;
        }
        files.add(new UnitTask.Input(s.location(), rel));
      }
    }
    files.sort(java.util.Comparator.comparing(UnitTask.Input::relPath));
    if (files.isEmpty()) {
      throw new InvalidJobException("input", input + " holds no " + String.join(" or ", job.filesToUse()) + " files");
    }
    if (job.numSamples() > 0 && job.numSamples() < files.size()) {
      List<UnitTask.Input> shuffled = new ArrayList<>(files);
      Collections.shuffle(shuffled, new Random(job.seed()));
      files = new ArrayList<>(shuffled.subList(0, job.numSamples()));
      files.sort(java.util.Comparator.comparing(UnitTask.Input::relPath));
    }
    if (job.maxFiles() > 0 && job.maxFiles() < files.size()) {
      files = new ArrayList<>(files.subList(0, job.maxFiles()));
    }
    return files;
  }

  private static boolean hidden(String rel) {
    for (String part : rel.split("/")) {
      if (part.startsWith(".") || part.equals(Checkpoints.FOLDER)) {
        return true;
      }
    }
    return false;
  }

  /** metadata.json with the anchor's keys; secret parameters are left out. */
  private Map<String, Object> metadata(TransformJob job, JobReport report) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pipeline", job.pipelineId());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("job category", "preprocessing");
    details.put("job name", job.name());
    details.put("job type", "quarry " + (engine.getClass().getSimpleName()));
    details.put("job id", job.jobId());
    details.put("start_time", TIME.format(report.start()));
    details.put("end_time", TIME.format(report.end()));
    details.put("status", report.status());
    m.put("job details", details);
    Map<String, Object> code = new LinkedHashMap<>();
    Package pkg = Orchestrator.class.getPackage();
    code.put("github", "UNDEFINED");
    code.put("build-date", "UNDEFINED");
    code.put("commit_hash", "UNDEFINED");
    code.put("path", "UNDEFINED");
    code.put("version", pkg.getImplementationVersion() == null ? "UNDEFINED" : pkg.getImplementationVersion());
    m.put("code", code);
    Map<String, Object> params = new LinkedHashMap<>();
    boolean chained = job.steps().size() > 1;
    for (Step s : job.steps()) {
      Map<String, Object> own = new TreeMap<>();
      for (Param p : s.spec().params()) {
        if (!p.secret()) {
          own.put(p.name(), s.params().values().get(p.name()));
        }
      }
      if (chained) {
        params.put(s.name(), own);
      } else {
        params.putAll(own);
      }
    }
    params.put("checkpointing", job.checkpointing());
    params.put("max_files", job.maxFiles());
    params.put("random_samples", job.numSamples());
    params.put("files_to_use", job.filesToUse());
    params.put("num_processors", engine.parallelism());
    m.put("job_input_params", params);
    Map<String, Object> exec = new LinkedHashMap<>();
    exec.put("cpus", engine.parallelism());
    exec.put("gpus", 0);
    exec.put("memory", Math.round(Runtime.getRuntime().maxMemory() / 1e9 * 100) / 100.0);
    exec.put("object_store", 0);
    exec.put("execution time, min",
        Math.round((report.end().toEpochMilli() - report.start().toEpochMilli()) / 60_000.0 * 1000) / 1000.0);
    m.put("execution_stats", exec);
    UnitStats st = report.stats();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source_files", st.sourceFiles());
    out.put("source_size", st.sourceSize());
    out.put("result_files", st.resultFiles());
    out.put("result_size", st.resultSize());
    out.put("processing_time", Math.round(st.processingSeconds() * 1000) / 1000.0);
    out.put("source_doc_count", st.sourceRows());
    out.put("result_doc_count", st.resultRows());
    out.putAll(st.transformMetadata());
    out.put("skipped_units", report.skipped());
    out.put("failed_files", report.failures().stream()
        .map(f -> Map.of("file", f.task(), "error", f.error())).toList());
    m.put("job_output_stats", out);
    m.put("source", Map.of("name", job.input().toString(), "type", job.input().isS3() ? "s3" : "path"));
    m.put("target", Map.of("name", job.output().toString(), "type", job.output().isS3() ? "s3" : "path"));
    return m;
  }
}
