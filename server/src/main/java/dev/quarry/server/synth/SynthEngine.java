package dev.quarry.server.synth;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.StorageConfig;
import dev.quarry.server.QuarryProperties;
import dev.quarry.server.engine.Engines;
import dev.quarry.server.profiles.DataSources;
import dev.quarry.synth.FragmentStore;
import dev.quarry.synth.TableWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Generates tables for every stream and job of this instance on one {@link LocalEngine} of
 * {@code quarry.synth.workers} threads, so the CPU that synthesis uses stays bounded however many
 * requests arrive at once. Memory stays constant: {@link TableWriter} streams shards to the output in
 * order as they are made (on Spark, through fragments in {@code quarry.synth.fragments}), or writes
 * Parquet with one writer.
 */
@Component
public class SynthEngine implements DisposableBean {

  private final Engine engine;
  private final FragmentStore fragments;

  public SynthEngine(QuarryProperties properties, Engines engines) {
    this.engine = engines.open(properties.synth().workers());
    this.fragments = fragmentStore(properties);
  }

  /** {@code quarry.synth.fragments} with the service's storage settings; null when unset. */
  static FragmentStore fragmentStore(QuarryProperties properties) {
    String text = properties.synth().fragments();
    if (text == null || text.isBlank()) {
      return null;
    }
    Location folder;
    try {
      folder = Location.parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("quarry.synth.fragments: " + e.getMessage(), e);
    }
    StorageConfig config = DataSources.storageConfig(properties);
    if (Location.FILE.equals(folder.scheme())) {
      List<String> roots = new ArrayList<>(config.allowedRoots());
      roots.add(folder.path());
      config = config.withAllowedRoots(roots);
    }
    return new FragmentStore(FileIO.create(config), folder);
  }

  /**
   * Writes {@code table} of the plan to {@code out}, compressed as the plan says; {@code out} stays
   * open.
   *
   * @param holdOutput write nothing until every row is made, so that a failure (an expression that
   *     fails at some row) can still be answered with an error instead of a broken download
   * @return the rows written and the bytes written to {@code out} (compressed)
   */
  public TableWriter.Result write(SynthPlan plan, String table, OutputStream out, RunOptions options,
      boolean holdOutput) throws IOException {
    TableWriter.Settings settings = TableWriter.Settings.DEFAULT.withFragments(fragments);
    return TableWriter.write(plan.synthesizer(), table, plan.format(), plan.compression(), out,
        engine, options, holdOutput ? settings.holdingOutput() : settings);
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
