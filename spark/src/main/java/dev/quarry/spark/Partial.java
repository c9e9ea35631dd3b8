package dev.quarry.spark;

import dev.quarry.core.engine.Merge;
import dev.quarry.core.engine.TaskFailure;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The running combination of outcomes inside Spark's tree aggregation: the merge of the results so
 * far (null until one arrives; tasks may return null), how many succeeded, and the failures.
 * Mutable on purpose: Spark's aggregate lets the operators update and return their first argument.
 */
final class Partial<R extends Serializable> implements Serializable {

  private static final long serialVersionUID = 1L;

  R value;
  int succeeded;
  final List<TaskFailure> failures = new ArrayList<>();

  Partial<R> add(Outcome<R> outcome, Merge<R> merge) {
    if (outcome.failure() != null) {
      failures.add(outcome.failure());
    } else {
      succeeded++;
      value = combine(value, outcome.result(), merge);
    }
    return this;
  }

  Partial<R> merge(Partial<R> other, Merge<R> merge) {
    succeeded += other.succeeded;
    failures.addAll(other.failures);
    value = combine(value, other.value, merge);
    return this;
  }

  private static <R> R combine(R a, R b, Merge<R> merge) {
    if (a == null) {
      return b;
    }
    return b == null ? a : merge.apply(a, b);
  }
}
