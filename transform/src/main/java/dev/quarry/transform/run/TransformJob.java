package dev.quarry.transform.run;

import dev.quarry.core.storage.Location;
import java.util.List;

/**
 * A validated job: where to read and write, which files, and the transforms to chain.
 *
 * @param maxFiles at most this many input files (after sampling); -1 for all
 * @param numSamples a random sample of this many files (seeded by {@code seed}); -1 for all
 * @param filesToUse file name endings to read, e.g. {@code .parquet}
 * @param checkpointing skip files whose outputs a previous run wrote and recorded
 * @param batchRows rows per batch handed to the transforms (memory per worker)
 */
public record TransformJob(
    Location input,
    Location output,
    List<Step> steps,
    int maxFiles,
    int numSamples,
    long seed,
    List<String> filesToUse,
    boolean checkpointing,
    String pipelineId,
    String jobId,
    int batchRows) {

  public TransformJob {
    steps = List.copyOf(steps);
    filesToUse = List.copyOf(filesToUse);
    if (steps.isEmpty()) {
      throw new InvalidJobException("transforms", "a pipeline needs at least one transform");
    }
  }

  /** The job's name in metadata: the transforms' names joined by '+'. */
  public String name() {
    return String.join("+", steps.stream().map(Step::name).toList());
  }

  public boolean spansFiles() {
    return steps.stream().anyMatch(s -> s.spec().spansFiles());
  }
}
