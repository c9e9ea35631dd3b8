package dev.quarry.cli;

import dev.quarry.profile.LightProfile;
import dev.quarry.profile.ProfileListener;
import java.io.PrintWriter;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/** Draws one progress bar per profiling stage on stderr. */
final class ProgressReporter implements ProfileListener, AutoCloseable {

  private final PrintWriter err;
  private ProgressBar bar;

  ProgressReporter(PrintWriter err) {
    this.err = err;
  }

  @Override
  public synchronized void stage(String stage, int units) {
    close();
    bar = new ProgressBarBuilder()
        .setTaskName(stage)
        .setInitialMax(Math.max(units, 1))
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .continuousUpdate()
        .build();
  }

  @Override
  public synchronized void progress(int done, int failed, int total) {
    if (bar != null) {
      bar.maxHint(total);
      bar.stepTo(done + failed);
    }
  }

  @Override
  public synchronized void lightReady(LightProfile light) {
    if (bar != null) {
      bar.setExtraMessage(light.files().size() + " files");
    }
  }

  @Override
  public synchronized void close() {
    if (bar != null) {
      bar.close();
      bar = null;
      err.flush();
    }
  }
}
