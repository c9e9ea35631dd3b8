package dev.quarry.server.profiles;

import dev.quarry.core.engine.Engine;
import dev.quarry.server.engine.Engines;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.StorageException;
import dev.quarry.profile.LightProfile;
import dev.quarry.profile.Profile;
import dev.quarry.profile.ProfileException;
import dev.quarry.profile.ProfileListener;
import dev.quarry.profile.ProfileOutput;
import dev.quarry.profile.ProfileRequest;
import dev.quarry.profile.Profiler;
import dev.quarry.profile.RecordSetProfile;
import dev.quarry.profile.croissant.CroissantWriter;
import dev.quarry.server.QuarryProperties;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobContext;
import dev.quarry.server.jobs.JobFailure;
import dev.quarry.server.jobs.JobType;
import dev.quarry.server.web.ApiException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code profile} job: the seed profiler's work. Stages, as the seed reports them: SUBMITTING
 * (queued), STARTING, LIGHT_PROFILE_READY (the light profile is stored and can be fetched while the
 * heavy one is computed), HEAVY_PROFILES_READY; FAILED.
 *
 * <p>All profile jobs share one engine (a pool of {@code quarry.workers} threads, or Spark): the engine
 * runs concurrent runs on its threads, so the CPU used by profiling stays bounded however many jobs
 * run at once.
 */
@Component
public class ProfileJobType implements JobType, DisposableBean {

  public static final String NAME = "profile";
  public static final String SUBMITTING = "SUBMITTING";
  public static final String STARTING = "STARTING";
  public static final String LIGHT_PROFILE_READY = "LIGHT_PROFILE_READY";
  public static final String HEAVY_PROFILES_READY = "HEAVY_PROFILES_READY";

  private final DataSources sources;
  private final ProfileResults results;
  private final JsonMapper json;
  private final Engine engine;
  private final FileIO io;
  /** The catalog, when there is one; looked up lazily (the catalog submits profile jobs itself). */
  private final ObjectProvider<HeavyProfileListener> listeners;

  public ProfileJobType(DataSources sources, ProfileResults results, JsonMapper json,
      QuarryProperties properties, ObjectProvider<HeavyProfileListener> listeners, Engines engines) {
    this.sources = sources;
    this.results = results;
    this.json = json;
    this.engine = engines.open(properties.workers());
    this.io = FileIO.create(DataSources.storageConfig(properties));
    this.listeners = listeners;
  }

  @Override
  public JobOutcome run(Job job, JobContext context) throws Exception {
    try {
      return runProfile(job, context);
    } catch (JobFailure e) {
      HeavyProfileListener l = listeners.getIfAvailable();
      if (l != null) {
        l.profileFailed(job, e.getMessage());
      }
      throw e;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public String initialStage() {
    return SUBMITTING;
  }

  private JobOutcome runProfile(Job job, JobContext context) throws Exception {
    ProfileJobSpec spec;
    try {
      spec = json.readValue(job.spec(), ProfileJobSpec.class);
    } catch (JacksonException e) {
      throw new JobFailure("the job's specification cannot be read: " + e.getOriginalMessage(), e);
    }
    String location;
    try {
      // Resolved again now: the folder may have gone, or a link changed, since submission.
      location = sources.resolve(spec.connector(), "profile_specification.data_connectors[0]");
    } catch (ApiException e) {
      throw new JobFailure(e.getMessage(), e);
    }
    String id = job.id();
    // A run before this one may have died in the middle of writing a result.
    results.deleteTemporaryFiles(id);
    context.progress(STARTING, 0, 0);
    ProfileRequest request = new ProfileRequest(location, spec.specification(),
        spec.onlyLightProfile(), null);
    ProfileListener listener = new ProfileListener() {
      @Override
      public void stage(String stage, int units) {
        context.progress(null, 0, units);
      }

      @Override
      public void progress(int done, int failed, int total) {
        context.progress(null, done, total);
      }

      @Override
      public void lightReady(LightProfile light) {
        try {
          results.write(id, ProfileResults.LIGHT, CroissantWriter.toJson(new Profile(light, null)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        context.usage(0, light.totalBytes());
        context.progress(LIGHT_PROFILE_READY, 0, 0);
      }
    };
    Profile profile;
    try {
      profile = new Profiler(io, engine).profile(request, listener, context.cancellation());
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } catch (ProfileException | UnreadableInputException e) {
      throw new JobFailure(e.getMessage(), e);
    } catch (StorageException e) {
      if (e.userError()) {
        throw new JobFailure(e.getMessage(), e);
      }
      throw e;
    }
    if (context.cancellation().isCancelled()) {
      // A cancelled run returns what it had: not a result to publish.
      return new JobOutcome(null, null);
    }
    if (!profile.isLightOnly() && profile.heavy().recordSets().isEmpty()
        && profile.heavy().documents().isEmpty()) {
      // Files were found but nothing in them could be read: the input's fault, and a retry would
      // read the same bytes.
      List<String> warnings = profile.heavy().warnings().isEmpty() ? profile.light().warnings()
          : profile.heavy().warnings();
      throw new JobFailure("no table or document could be read in the dataset"
          + (warnings.isEmpty() ? "" : ": " + String.join("; ", warnings)));
    }
    long rows = profile.isLightOnly() ? 0
        : profile.heavy().recordSets().stream().mapToLong(RecordSetProfile::rows).sum();
    context.usage(rows, profile.light().totalBytes());
    String stage = LIGHT_PROFILE_READY;
    if (!profile.isLightOnly()) {
      results.write(id, ProfileResults.HEAVY, CroissantWriter.toJson(profile));
      HeavyProfileListener l = listeners.getIfAvailable();
      String cdd = l == null ? null : l.heavyProfileReady(job, location, profile);
      if (cdd != null) {
        results.write(id, ProfileResults.CDD, cdd);
      }
      stage = HEAVY_PROFILES_READY;
    }
    results.write(id, ProfileResults.REPORT, ProfileOutput.render(profile, ProfileOutput.Kind.html));
    return new JobOutcome(stage, json.writeValueAsString(resultLocations(id, !profile.isLightOnly())));
  }

  private Map<String, String> resultLocations(String id, boolean heavy) {
    String base = results.folder(id).toString();
    return heavy
        ? Map.of("light", base + "/" + ProfileResults.LIGHT, "heavy", base + "/" + ProfileResults.HEAVY,
            "report", base + "/" + ProfileResults.REPORT)
        : Map.of("light", base + "/" + ProfileResults.LIGHT, "report", base + "/" + ProfileResults.REPORT);
  }

  @Override
  public void discard(String jobId) throws IOException {
    results.delete(jobId);
  }

  @Override
  public void destroy() {
    engine.close();
  }
}
