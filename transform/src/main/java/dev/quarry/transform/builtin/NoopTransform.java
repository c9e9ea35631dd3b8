package dev.quarry.transform.builtin;

import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.ParamType;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import dev.quarry.transform.spi.TransformSpec;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/** Passes every batch through unchanged: measures the runtime itself (read, write, bookkeeping). */
public final class NoopTransform implements TransformSpec {

  @Override
  public String name() {
    return "noop";
  }

  @Override
  public String description() {
    return "copies the input unchanged";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.of("sleep_sec", ParamType.FLOAT, 0.0, "seconds to sleep per batch (for testing)")
            .withCheck(v -> ((Number) v).doubleValue() < 0 ? "must not be negative" : null),
        Param.optional("pwd", ParamType.STRING, "a secret that is never written to metadata (for testing)")
            .asSecret());
  }

  @Override
  public TableTransform create(Params params, Serializable shared) {
    long sleepMillis = Math.round(params.number("sleep_sec") * 1000);
    return (batch, file) -> {
      if (sleepMillis > 0) {
        Thread.sleep(sleepMillis);
      }
      return TransformResult.of(batch, Map.of("nfiles", 0L, "nrows", (long) batch.size()));
    };
  }
}
