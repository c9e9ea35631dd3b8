package dev.quarry.transform.spi;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.engine.TaskFailure;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * A parallel pre-pass for {@link TransformSpec#prepare}: tasks (one per file, say) run once each on
 * the job's engine and their results come back to the caller. Shared state must see every file,
 * so one failed task fails the step, naming it.
 */
public final class PrePass {

  private PrePass() {}

  /**
   * Runs {@code tasks} (no retries: a file that cannot be read will not read on a second try) and
   * returns their results in no particular order.
   *
   * @param step what the pass does, for the error ("fdedup: reading", ...)
   * @throws IOException naming the first task that failed
   */
  public static <R extends Serializable> List<R> results(
      Engine engine, List<? extends Task<R>> tasks, String step) throws IOException {
    if (tasks.isEmpty()) {
      return List.of();
    }
    List<One<R>> each = new ArrayList<>(tasks.size());
    for (Task<R> t : tasks) {
      each.add(new One<>(t));
    }
    RunResult<ArrayList<R>> run = engine.run(each, (a, b) -> {
      a.addAll(b);
      return a;
    }, RunOptions.defaults().withMaxAttempts(1));
    if (!run.failures().isEmpty()) {
      TaskFailure f = run.failures().get(0);
      throw new IOException(step + " " + f.task() + " failed: " + f.error());
    }
    return run.merged().orElseGet(ArrayList::new);
  }

  /** A task's result as a one-element list, so the engine's merge can gather them. */
  private record One<R extends Serializable>(Task<R> task) implements Task<ArrayList<R>> {
    @Override
    public ArrayList<R> run(TaskContext context) throws Exception {
      ArrayList<R> out = new ArrayList<>(1);
      out.add(task.run(context));
      return out;
    }

    @Override
    public String describe() {
      return task.describe();
    }
  }
}
