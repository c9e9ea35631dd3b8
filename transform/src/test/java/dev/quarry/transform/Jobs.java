package dev.quarry.transform;

import dev.quarry.core.engine.LocalEngine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.transform.run.JobReport;
import dev.quarry.transform.run.JobRequest;
import dev.quarry.transform.run.Orchestrator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one transform as a job, the way the CLI does. */
public final class Jobs {

  private Jobs() {}

  public static JobReport run(String transform, Path input, Path output, Map<String, Object> params)
      throws Exception {
    return run(transform, input, output, params, Map.of(), 2);
  }

  public static JobReport run(String transform, Path input, Path output, Map<String, Object> params,
      Map<String, Object> options, int workers) throws Exception {
    Map<String, Object> opts = new LinkedHashMap<>(options);
    opts.put("input", input.toString());
    opts.put("output", output.toString());
    JobRequest request = new JobRequest(opts, List.of(new JobRequest.StepRequest(transform, params)));
    try (LocalEngine engine = new LocalEngine(workers)) {
      return new Orchestrator(FileIO.unrestricted(), engine).run(request.validate());
    }
  }

  /**
   * Runs on an engine that serializes every task, result and merge as a cluster would: proves the
   * job would ship to Spark as it is.
   */
  public static JobReport runSerialized(String transform, Path input, Path output, Map<String, Object> params)
      throws Exception {
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("input", input.toString());
    opts.put("output", output.toString());
    JobRequest request = new JobRequest(opts, List.of(new JobRequest.StepRequest(transform, params)));
    try (LocalEngine engine = LocalEngine.builder().workers(2).verifySerialization(true).build()) {
      return new Orchestrator(FileIO.unrestricted(), engine).run(request.validate());
    }
  }
}
