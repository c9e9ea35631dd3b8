package dev.quarry.cli;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.core.engine.Engine;
import dev.quarry.core.model.DatasetSpec;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.OutputFile;
import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileException;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.Profiler;
import dev.quarry.profile.ProfileOutput;
import dev.quarry.profile.heavy.HeavyProfiler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code quarry profile LOCATION}: a light and heavy profile as Croissant JSON-LD, JSON or HTML. */
@Command(
    name = "profile",
    mixinStandardHelpOptions = true,
    description = {
      "Profile a dataset: a file, a folder, an s3:// prefix, an http(s):// URL or a jdbc: database.",
      "Writes Croissant JSON-LD (default), Quarry's JSON or a self-contained HTML report."
    })
final class ProfileCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "LOCATION", description = "What to profile.")
  String location;

  @Option(names = "--light", description = "Only the light profile: files, sizes, checksums, formats.")
  boolean light;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "Write here (local path or s3://) instead of stdout; written atomically.")
  String out;

  @Option(names = {"-f", "--format"}, defaultValue = "croissant",
      description = "croissant (JSON-LD), json or html. Default: ${DEFAULT-VALUE}.")
  ProfileOutput.Kind format;

  @Option(names = "--spec", paramLabel = "SPEC.json",
      description = "Dataset metadata (the profiler's profile_specification: name, license, ...).")
  Path specFile;

  @Mixin EngineOptions engineOptions = new EngineOptions();

  @Option(names = "--split-mb", paramLabel = "MB", defaultValue = "64",
      description = "Files larger than this are profiled in parallel parts. Default: ${DEFAULT-VALUE}.")
  long splitMb;

  @Option(names = "--server", paramLabel = "URL",
      description = "Profile on a running Quarry service instead: LOCATION is then a dataset id under"
          + " the service's data root.")
  String server;

  @Option(names = "--api-key", paramLabel = "KEY", defaultValue = "${env:QUARRY_API_KEY}",
      description = "API key for --server (default: $QUARRY_API_KEY).")
  String apiKey;

  @Option(names = "--database", paramLabel = "NAME",
      description = "With --server: profile the service's configured database NAME instead of a dataset id.")
  boolean database;

  @Option(names = "--progress", negatable = true,
      description = "Show a progress bar on stderr (default: when attached to a terminal).")
  Boolean progress;

  @Override
  public Integer call() throws IOException {
    engineOptions.validate();
    if (splitMb < 1) {
      throw new IllegalArgumentException("--split-mb must be at least 1, got " + splitMb);
    }
    DatasetSpec datasetSpec = specFile == null ? null : SpecFiles.read(specFile);
    if (server != null) {
      return RemoteProfile.run(this, datasetSpec);
    }
    long split = splitMb << 20;
    ProfileRequest request = new ProfileRequest(location, datasetSpec, light,
        new HeavyProfiler.Options(split, Math.max(split / 2, 1 << 20)));
    boolean showProgress = progress != null ? progress : System.console() != null;
    FileIO io = FileIO.unrestricted();
    Profile profile;
    try (Engine engine = engineOptions.open();
        ProgressReporter reporter = showProgress ? new ProgressReporter(spec.commandLine().getErr()) : null) {
      Cancellation cancellation = new Cancellation();
      Thread hook = new Thread(cancellation::cancel);
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        profile = new Profiler(io, engine).profile(request,
            reporter != null ? reporter : dev.quarry.profile.ProfileListener.NONE, cancellation);
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the JVM is exiting: the hook has run and cancelled the work
        }
      }
    }
    write(io, ProfileOutput.render(profile, format));
    return 0;
  }

  /** Writes the result to stdout or, atomically, to {@code --out}. */
  void write(FileIO io, String text) throws IOException {
    if (out == null) {
      PrintWriter w = spec.commandLine().getOut();
      w.print(text);
      w.flush();
    } else {
      Location target = Location.parse(out);
      if (target.isLocal() && Files.isDirectory(target.toPath())) {
        throw new ProfileException(out + ": is a folder; name a file to write");
      }
      OutputFile file = io.newOutputFile(target);
      file.write(os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
    }
  }
}
