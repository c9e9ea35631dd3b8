package dev.quarry.server.discovery;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.core.storage.AccessDeniedException;
import dev.quarry.core.storage.FileIO;
import dev.quarry.search.discovery.DiscoveredDataset;
import dev.quarry.search.discovery.Discoverer;
import dev.quarry.search.discovery.Discoverers;
import dev.quarry.search.discovery.DiscoveryChanges;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.auth.UserStore;
import dev.quarry.server.catalog.CatalogRecord;
import dev.quarry.server.catalog.CatalogService;
import dev.quarry.server.datasets.Dataset;
import dev.quarry.server.datasets.DatasetStore;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobContext;
import dev.quarry.server.jobs.JobFailure;
import dev.quarry.server.jobs.JobType;
import dev.quarry.server.profiles.DataSources;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code discover} job: runs one discoverer, compares its listing with what the catalog holds
 * from it, and registers new datasets, re-profiles changed ones and removes those that are gone.
 * Each dataset is applied on its own, so a re-run after a crash finishes what was left.
 */
@Component
public class DiscoveryJobType implements JobType {

  public static final String NAME = "discover";
  private static final Logger LOG = LoggerFactory.getLogger(DiscoveryJobType.class);

  private final DiscovererStore discoverers;
  /** Lazily: the catalog submits jobs, and the job runner needs this job type. */
  private final ObjectProvider<CatalogService> catalogs;
  private final DatasetStore datasets;
  private final UserStore users;
  private final JsonMapper json;

  public DiscoveryJobType(DiscovererStore discoverers, ObjectProvider<CatalogService> catalogs,
      DatasetStore datasets, UserStore users, JsonMapper json) {
    this.discoverers = discoverers;
    this.catalogs = catalogs;
    this.datasets = datasets;
    this.users = users;
    this.json = json;
  }

  /** The job's spec. */
  public record Spec(String discovererId) {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public JobOutcome run(Job job, JobContext context) throws Exception {
    CatalogService catalog = catalogs.getObject();
    Spec spec = json.readValue(job.spec(), Spec.class);
    DiscovererConfig config = discoverers.find(spec.discovererId())
        .orElseThrow(() -> new JobFailure("discoverer '" + spec.discovererId() + "' no longer exists"));
    QuarryUser owner = users.findUser(config.ownerId())
        .orElseThrow(() -> new JobFailure("the discoverer's owner no longer exists"));
    FileIO io = catalog.io();
    Discoverer discoverer;
    try {
      discoverer = Discoverers.create(config.type(), config.settings(), io);
    } catch (IllegalArgumentException e) {
      throw new JobFailure(e.getMessage(), e);
    }
    context.progress("LISTING", 0, 0);
    List<DiscoveredDataset> listing;
    try {
      listing = discoverer.list(); // other IOExceptions (a portal down) are retried
    } catch (AccessDeniedException e) {
      throw new JobFailure(e.getMessage(), e);
    }
    Map<String, CatalogRecord> known = new HashMap<>();
    Map<String, String> versions = new HashMap<>();
    for (CatalogRecord r : catalog.discovered(config.id())) {
      known.put(r.externalId(), r);
      versions.put(r.externalId(), r.version());
    }
    DiscoveryChanges changes = DiscoveryChanges.between(versions, listing);
    int total = changes.added().size() + changes.updated().size() + changes.removed().size();
    int done = 0;
    context.progress("APPLYING", 0, total);
    for (DiscoveredDataset d : changes.added()) {
      Dataset created = datasets.create(owner.id(), spec(d));
      catalog.enqueue(created, owner, origin(config, d));
      context.progress(null, ++done, total);
    }
    for (DiscoveredDataset d : changes.updated()) {
      String id = known.get(d.externalId()).datasetId();
      Dataset existing = datasets.find(id).orElse(null);
      if (existing == null) {
        catalog.remove(id);
        existing = datasets.create(owner.id(), spec(d));
      }
      catalog.enqueue(new Dataset(existing.id(), existing.ownerId(), d.name(), spec(d),
          existing.createdAt(), existing.updatedAt()), owner, origin(config, d));
      context.progress(null, ++done, total);
    }
    for (String gone : changes.removed()) {
      String id = known.get(gone).datasetId();
      catalog.remove(id);
      datasets.delete(id);
      context.progress(null, ++done, total);
    }
    discoverers.ran(config.id(), job.id());
    LOG.info("discoverer {} ({}): {} new, {} changed, {} gone", config.name(), config.type(),
        changes.added().size(), changes.updated().size(), changes.removed().size());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("listed", listing.size());
    result.put("added", changes.added().size());
    result.put("updated", changes.updated().size());
    result.put("removed", changes.removed().size());
    return new JobOutcome("DONE", json.writeValueAsString(result));
  }

  private static DatasetSpec spec(DiscoveredDataset d) {
    return new DatasetSpec(null, d.name(), d.description(), null, null, d.license(), null,
        d.keywords(), null, null, null, null, null,
        List.of(new DatasetSpec.DataConnector(DataSources.LOCATION, d.location(), null)));
  }

  private static CatalogService.Origin origin(DiscovererConfig config, DiscoveredDataset d) {
    Map<String, String> meta = new LinkedHashMap<>(d.metadata());
    meta.put("discoverer", config.name());
    return new CatalogService.Origin(config.type() + ":" + config.name(), meta, config.id(),
        d.externalId(), d.version());
  }

  @Override
  public void discard(String jobId) throws IOException {
    // nothing stored per run beyond the job row
  }
}
