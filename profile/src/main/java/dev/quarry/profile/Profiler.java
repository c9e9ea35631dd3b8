package dev.quarry.profile;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.formats.Format;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.profile.database.DatabaseProfiler;
import dev.quarry.profile.heavy.HeavyProfiler;
import dev.quarry.profile.light.LightProfiler;
import java.io.IOException;

/**
 * Profiles a dataset: first the light profile (files, sizes, content checksums, formats), then the
 * heavy one (record sets, field statistics, semantic types, coverage), on the given engine.
 *
 * <pre>{@code
 * try (LocalEngine engine = new LocalEngine(4)) {
 *   Profile p = new Profiler(FileIO.unrestricted(), engine).profile(ProfileRequest.of("data/"));
 *   String jsonLd = CroissantWriter.toJson(p);
 * }
 * }</pre>
 */
public final class Profiler {

  private final FileIO io;
  private final Engine engine;

  public Profiler(FileIO io, Engine engine) {
    this.io = io;
    this.engine = engine;
  }

  public Profile profile(ProfileRequest request) throws IOException {
    return profile(request, ProfileListener.NONE, new Cancellation());
  }

  public Profile profile(ProfileRequest request, ProfileListener listener, Cancellation cancellation)
      throws IOException {
    if (DatabaseProfiler.isDatabaseUrl(request.location())) {
      return new DatabaseProfiler().profile(request, listener);
    }
    Location root;
    try {
      root = Location.parse(request.location());
    } catch (IllegalArgumentException e) {
      throw new ProfileException(request.location() + ": " + e.getMessage(), e);
    }
    RunOptions options = RunOptions.defaults()
        .withCancellation(cancellation)
        .withProgress(listener::progress);

    listener.stage("light", 0);
    LightProfiler.Result light = new LightProfiler(io, engine).profile(root, request.spec(), options);
    listener.lightReady(light.profile());
    if (request.lightOnly()) {
      return new Profile(light.profile(), null);
    }
    listener.stage("heavy", light.files().size());
    HeavyProfile heavy = new HeavyProfiler(io, engine, request.split()).profile(light.files(), options);
    heavy = DatabaseProfiler.addDatabaseFiles(io, light.files(), heavy);
    boolean readable = light.files().stream().anyMatch(f -> f.format().kind() == Format.Kind.TABLE
        || f.format().kind() == Format.Kind.DOCUMENT || f.format().kind() == Format.Kind.DATABASE);
    if (readable && heavy.recordSets().isEmpty() && heavy.documents().isEmpty()
        && !heavy.warnings().isEmpty()) {
      // Nothing could be read at all: that is the input's fault, not a profile with warnings.
      throw new ProfileException(heavy.warnings().get(0));
    }
    return new Profile(light.profile(), heavy);
  }
}
