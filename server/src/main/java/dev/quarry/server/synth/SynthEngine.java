package dev.quarry.server.synth;

import dev.quarry.core.engine.Engine;
import dev.quarry.server.engine.Engines;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.Cancellation;
import dev.quarry.server.QuarryProperties;
import dev.quarry.synth.TableWriter;
import java.io.IOException;
import java.io.OutputStream;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Generates tables for every stream and job of this instance on one {@link LocalEngine} of
 * {@code quarry.synth.workers} threads, so the CPU that synthesis uses stays bounded however many
 * requests arrive at once. Memory stays constant: {@link TableWriter} spools shards to temporary
 * files (or writes Parquet with one writer) and copies them to the output in order.
 */
@Component
public class SynthEngine implements DisposableBean {

  private final Engine engine;

  public SynthEngine(QuarryProperties properties, Engines engines) {
    this.engine = engines.open(properties.synth().workers());
  }

  /**
   * Writes {@code table} of the plan to {@code out}, compressed as the plan says; {@code out} stays
   * open.
   *
   * @return the rows written and the bytes written to {@code out} (compressed)
   */
  public TableWriter.Result write(SynthPlan plan, String table, OutputStream out, RunOptions options)
      throws IOException {
    return TableWriter.write(plan.synthesizer(), table, plan.format(), plan.compression(), out,
        engine, options);
  }

  /** Options for a run that the caller may cancel. */
  public static RunOptions options(Cancellation cancellation) {
    return RunOptions.defaults().withCancellation(cancellation);
  }

  @Override
  public void destroy() {
    engine.close();
  }
}
