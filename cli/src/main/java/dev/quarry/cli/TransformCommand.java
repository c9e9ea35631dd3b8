package dev.quarry.cli;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.ProgressListener;
import dev.quarry.core.engine.TaskFailure;
import dev.quarry.core.storage.FileIO;
import dev.quarry.transform.run.InvalidJobException;
import dev.quarry.transform.run.JobReport;
import dev.quarry.transform.run.JobRequest;
import dev.quarry.transform.run.Orchestrator;
import dev.quarry.transform.run.TransformJob;
import dev.quarry.transform.run.Transforms;
import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.TransformSpec;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code quarry transform NAME --input LOC --output LOC [--param name=value ...]} or
 * {@code quarry transform --pipeline FILE}: data-prep-kit style transforms over Parquet folders.
 */
@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    description = {
      "Run a transform (or a pipeline of chained transforms) over a folder of Parquet files.",
      "Outputs mirror the input folder; metadata.json summarises the job.",
      "Exit codes: 0 success, 1 every file failed, 2 bad parameters, 3 some files failed."
    })
final class TransformCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "NAME",
      description = "The transform: noop, filter, doc_id, ededup, fdedup, resize, lang_id, doc_quality,"
          + " pii_redactor (see --list).")
  String name;

  @Option(names = "--pipeline", paramLabel = "FILE", description = "A YAML/JSON pipeline file (chained transforms).")
  Path pipeline;

  @Option(names = {"-i", "--input"}, paramLabel = "LOC", description = "Input folder (local or s3://).")
  String input;

  @Option(names = {"-o", "--output"}, paramLabel = "LOC", description = "Output folder (local or s3://).")
  String output;

  @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE",
      description = "A transform parameter, by the anchor's name without prefix (lists as JSON), e.g."
          + " criteria_list='[\"x > 1\"]'.")
  List<String> params = new ArrayList<>();

  @Option(names = "--max-files", paramLabel = "N", description = "Process at most N files.")
  Integer maxFiles;

  @Option(names = "--num-samples", paramLabel = "N", description = "Process a random sample of N files.")
  Integer numSamples;

  @Option(names = "--files-to-use", paramLabel = "JSON", description = "File endings to read. Default: [\".parquet\"].")
  String filesToUse;

  @Option(names = "--checkpointing", description = "Skip files a previous run finished and recorded.")
  boolean checkpointing;

  @Option(names = "--pipeline-id", paramLabel = "ID") String pipelineId;

  @Option(names = "--job-id", paramLabel = "ID") String jobId;

  @Mixin EngineOptions engineOptions = new EngineOptions();

  @Option(names = "--list", description = "List the transforms and their parameters.")
  boolean list;

  @Option(names = "--progress", negatable = true,
      description = "Show a progress bar on stderr (default: when attached to a terminal).")
  Boolean progress;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (list) {
      listTransforms(out);
      return 0;
    }
    JobRequest request = request();
    TransformJob job = request.validate();
    if (engineOptions.workers == null && request.workers() > 0 && !engineOptions.spark()) {
      engineOptions.workers = request.workers(); // the pipeline file's num_workers
    }
    engineOptions.validate();
    boolean showProgress = progress != null ? progress : System.console() != null;
    JobReport report;
    try (Engine engine = engineOptions.open();
        FileProgress bar = showProgress ? new FileProgress(job.name()) : null) {
      report = new Orchestrator(FileIO.unrestricted(), engine)
          .run(job, bar == null ? ProgressListener.NONE : bar, new Cancellation());
    }
    out.printf("%s: %s — %d files in, %d out; %d rows in, %d out; %d skipped (checkpoint); metadata: %s%n",
        job.name(), report.status(), report.stats().sourceFiles(), report.stats().resultFiles(),
        report.stats().sourceRows(), report.stats().resultRows(), report.skipped(),
        job.output().resolve("metadata.json"));
    for (TaskFailure f : report.failures()) {
      err.println("quarry: " + f.task() + ": " + f.error());
    }
    return report.exitCode();
  }

  private JobRequest request() throws Exception {
    JobRequest base;
    if (pipeline != null) {
      if (name != null) {
        throw new InvalidJobException("NAME", "give either a transform name or --pipeline, not both");
      }
      if (!Files.isRegularFile(pipeline)) {
        throw new NoSuchFileException(pipeline + ": no such pipeline file");
      }
      base = JobRequest.parsePipeline(Files.readString(pipeline, StandardCharsets.UTF_8), pipeline.toString());
      if (!params.isEmpty()) {
        throw new InvalidJobException("--param", "set parameters in the pipeline file when using --pipeline");
      }
    } else {
      if (name == null) {
        throw new InvalidJobException("NAME", "name a transform (see --list) or give --pipeline FILE");
      }
      Map<String, Object> given = new LinkedHashMap<>();
      for (String p : params) {
        int eq = p.indexOf('=');
        if (eq <= 0) {
          throw new InvalidJobException("--param", "expected NAME=VALUE, got '" + p + "'");
        }
        given.put(p.substring(0, eq).trim(), p.substring(eq + 1));
      }
      base = new JobRequest(Map.of(), List.of(new JobRequest.StepRequest(name, given)));
    }
    Map<String, Object> options = new LinkedHashMap<>(base.options());
    putIf(options, "input", input);
    putIf(options, "output", output);
    putIf(options, "max_files", maxFiles);
    putIf(options, "num_samples", numSamples);
    putIf(options, "files_to_use", filesToUse);
    putIf(options, "pipeline_id", pipelineId);
    putIf(options, "job_id", jobId);
    if (checkpointing) {
      options.put("checkpointing", true);
    }
    return new JobRequest(options, base.transforms());
  }

  private static void putIf(Map<String, Object> options, String key, Object value) {
    if (value != null) {
      options.put(key, value);
    }
  }

  private static void listTransforms(PrintWriter out) {
    for (TransformSpec t : Transforms.all().values()) {
      out.println(t.name() + " — " + t.description());
      for (Param p : t.params()) {
        String dflt = p.defaultValue() == null ? (p.optional() ? "optional" : "required") : "default " + p.defaultValue();
        out.printf("    %-22s %-11s %s (%s)%s%n", p.name(), p.type().name().toLowerCase(), p.help(), dflt,
            p.secret() ? " [secret]" : "");
      }
    }
  }

  /** One bar over the job's units of work (files; folders for resize) on stderr. */
  private static final class FileProgress implements ProgressListener, AutoCloseable {
    private final ProgressBar bar;

    FileProgress(String task) {
      bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(1).setUnit(" units", 1)
          .setConsumer(new ConsoleProgressBarConsumer(System.err)).continuousUpdate().build();
    }

    @Override
    public synchronized void onProgress(int done, int failed, int total) {
      bar.maxHint(total);
      bar.stepTo(done);
      if (failed > 0) {
        bar.setExtraMessage(failed + " failed");
      }
    }

    @Override
    public void close() {
      bar.close();
    }
  }
}
