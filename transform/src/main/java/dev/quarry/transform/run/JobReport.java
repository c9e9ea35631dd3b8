package dev.quarry.transform.run;

import dev.quarry.core.engine.TaskFailure;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * How a job went.
 *
 * @param status {@code success}; {@code partial} when some files failed; {@code failed} when every
 *     file that ran failed; {@code cancelled}
 * @param units units of work in the job (files, or folders for transforms that span files)
 * @param skipped units skipped because a previous run had done them (checkpointing)
 * @param failures one per failed unit, naming its file and the error
 * @param metadata what was written to {@code metadata.json}
 */
public record JobReport(
    String status,
    Instant start,
    Instant end,
    UnitStats stats,
    int units,
    int skipped,
    List<TaskFailure> failures,
    Map<String, Object> metadata) {

  public static final String SUCCESS = "success";
  public static final String PARTIAL = "partial";
  public static final String FAILED = "failed";
  public static final String CANCELLED = "cancelled";

  public JobReport {
    failures = List.copyOf(failures);
  }

  /** 0 success, 1 every file failed, 3 some files failed, 130 cancelled. */
  public int exitCode() {
    return switch (status) {
      case SUCCESS -> 0;
      case FAILED -> 1;
      case PARTIAL -> 3;
      default -> 130;
    };
  }
}
