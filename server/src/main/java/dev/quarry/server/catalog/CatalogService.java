package dev.quarry.server.catalog;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.core.storage.FileIO;
import dev.quarry.profile.Profile;
import dev.quarry.search.ColumnEntry;
import dev.quarry.search.ColumnKind;
import dev.quarry.search.DatasetEntry;
import dev.quarry.search.EntryBuilder;
import dev.quarry.search.LuceneSearchIndex;
import dev.quarry.search.SearchIndex;
import dev.quarry.search.Viewer;
import dev.quarry.server.QuarryProperties;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.datasets.Dataset;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.jobs.JobService;
import dev.quarry.server.jobs.JobStatus;
import dev.quarry.server.jobs.JobStore;
import dev.quarry.server.profiles.DataSources;
import dev.quarry.server.profiles.HeavyProfileListener;
import dev.quarry.server.profiles.ProfileJobSpec;
import dev.quarry.server.profiles.ProfileJobType;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * The catalog: every registered dataset (through the API, an upload or a discoverer) is profiled as
 * a job and indexed when its heavy profile is ready; re-profiling replaces the entry; deleting the
 * dataset removes it. States are kept in {@code catalog_entries}.
 */
@Service
public class CatalogService implements HeavyProfileListener {

  private static final Logger LOG = LoggerFactory.getLogger(CatalogService.class);

  /** Metadata keys starting with this override a column's kind: {@code column_type.price=float}. */
  public static final String COLUMN_TYPE = "column_type.";

  private final CatalogStore store;
  private final CatalogIndex index;
  private final JobService jobs;
  private final JobStore jobStore;
  private final DataSources sources;
  private final JsonMapper json;
  private final FileIO io;

  public CatalogService(CatalogStore store, CatalogIndex index, JobService jobs, JobStore jobStore,
      DataSources sources, JsonMapper json, QuarryProperties properties) {
    this.store = store;
    this.index = index;
    this.jobs = jobs;
    this.jobStore = jobStore;
    this.sources = sources;
    this.json = json;
    this.io = FileIO.create(DataSources.storageConfig(properties));
  }

  public SearchIndex index() {
    return index.index();
  }

  public FileIO io() {
    return io;
  }

  /** Where the catalog was told to look for datasets, in a discoverer's terms. */
  public record Origin(String source, Map<String, String> metadata, String discovererId,
      String externalId, String version) {

    public static Origin of(String source) {
      return new Origin(source, Map.of(), null, null, null);
    }
  }

  /**
   * Queues the dataset for profiling and indexing (again, if it was indexed). A dataset without a
   * data connector is not indexed: there is nothing to read.
   */
  public Optional<Job> enqueue(Dataset dataset, QuarryUser owner, Origin origin) {
    DatasetSpec spec = dataset.spec();
    if (spec.dataConnectors().isEmpty()) {
      return Optional.empty();
    }
    DatasetSpec.DataConnector c = spec.dataConnectors().get(0);
    String shown = switch (c.type()) {
      case DataSources.DATABASE_CONNECTION -> "database:" + c.databaseName();
      case DataSources.LOCATION -> c.datasetId();
      default -> sources.resolve(c, "data_connectors[0]");
    };
    // Queued before the job exists: a quick job may be done before submit() returns.
    store.queued(dataset.id(), origin.source(), shown, null, origin.metadata(),
        origin.discovererId(), origin.externalId(), origin.version());
    Job job;
    try {
      job = jobs.submit(ProfileJobType.NAME, owner, dataset.id(),
          json.writeValueAsString(new ProfileJobSpec(spec, false)));
    } catch (RuntimeException e) {
      store.delete(dataset.id());
      throw e;
    }
    store.assignJob(dataset.id(), job.id());
    return Optional.of(job);
  }

  /** Removes the dataset's entry and its catalog state. */
  public void remove(String datasetId) {
    try {
      index.index().delete(datasetId);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    store.delete(datasetId);
  }

  /**
   * The dataset's catalog state, with a queued state reconciled against its job: a job that failed
   * after its retries (or was cancelled) leaves the dataset failed.
   */
  public Optional<CatalogRecord> status(String datasetId) {
    Optional<CatalogRecord> found = store.find(datasetId);
    if (found.isEmpty() || !found.get().status().equals(CatalogRecord.QUEUED)
        || found.get().jobId() == null) {
      return found;
    }
    CatalogRecord r = found.get();
    Optional<Job> job = jobStore.find(r.jobId());
    if (job.isEmpty() || job.get().status() == JobStatus.FAILED
        || job.get().status() == JobStatus.CANCELLED) {
      String error = job.map(j -> j.status() == JobStatus.CANCELLED ? "the profile job was cancelled"
          : j.error()).orElse("the profile job is gone");
      store.failed(datasetId, r.jobId(), error);
      return store.find(datasetId);
    }
    return found;
  }

  public List<CatalogRecord> list(String status, int offset, int limit) {
    return store.list(status, offset, limit);
  }

  public List<CatalogRecord> discovered(String discovererId) {
    return store.byDiscoverer(discovererId);
  }

  @Override
  public String heavyProfileReady(Job job, String location, Profile profile) throws Exception {
    Optional<CatalogRecord> record = job.datasetId() == null ? Optional.empty()
        : store.find(job.datasetId()).filter(r -> r.jobId() == null || job.id().equals(r.jobId()));
    if (record.isEmpty()) {
      // A profile of its own (the seed's trigger_profile): an entry to show, not to index.
      DatasetEntry entry = EntryBuilder.build(job.id(), "", "profile", profile, List.of(), Map.of());
      return json.writeValueAsString(LuceneSearchIndex.withoutSketches(entry));
    }
    CatalogRecord r = record.get();
    // Discovered data is public; what a user registers or uploads is theirs unless they say so.
    Map<String, String> metadata = new HashMap<>(r.metadata());
    metadata.put(Viewer.OWNER, job.ownerId());
    metadata.putIfAbsent(Viewer.VISIBILITY, r.discovererId() != null ? Viewer.PUBLIC : Viewer.PRIVATE);
    boolean database = r.location() != null && r.location().startsWith("database:");
    DatasetEntry entry = database
        ? EntryBuilder.build(r.datasetId(), r.location(), r.source(), profile, List.of(), metadata)
        : EntryBuilder.sketchAndBuild(io, r.datasetId(), location, r.source(), profile, metadata);
    entry = withColumnTypes(entry, metadata);
    index.index().upsert(entry);
    store.indexed(r.datasetId(), job.id());
    LOG.info("dataset {} indexed ({} columns)", r.datasetId(), entry.columns().size());
    return json.writeValueAsString(LuceneSearchIndex.withoutSketches(entry));
  }

  @Override
  public void profileFailed(Job job, String error) {
    if (job.datasetId() != null) {
      store.failed(job.datasetId(), job.id(), error);
    }
  }

  /** Applies the column-type overrides given at upload. */
  static DatasetEntry withColumnTypes(DatasetEntry e, Map<String, String> metadata) {
    Map<String, ColumnKind> overrides = new HashMap<>();
    metadata.forEach((k, v) -> {
      if (k.startsWith(COLUMN_TYPE)) {
        overrides.put(k.substring(COLUMN_TYPE.length()), ColumnKind.valueOf(v.toUpperCase(Locale.ROOT)));
      }
    });
    if (overrides.isEmpty()) {
      return e;
    }
    List<ColumnEntry> cols = new ArrayList<>();
    for (ColumnEntry c : e.columns()) {
      ColumnKind k = overrides.get(c.name());
      cols.add(k == null ? c : new ColumnEntry(c.name(), c.table(), k, c.dataType(),
          c.semanticTypes(), c.distinct(), c.min(), c.max(), c.samples(), c.sketch()));
    }
    Map<String, String> meta = new HashMap<>(metadata);
    return new DatasetEntry(e.id(), e.name(), e.description(), e.keywords(), e.source(), e.license(),
        e.formats(), e.location(), e.rows(), cols, e.temporal(), e.spatial(), meta, e.indexedAt());
  }
}
