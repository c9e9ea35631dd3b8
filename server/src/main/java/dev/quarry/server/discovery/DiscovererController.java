package dev.quarry.server.discovery;

import dev.quarry.core.storage.AccessDeniedException;
import dev.quarry.core.storage.Location;
import dev.quarry.search.discovery.Discoverers;
import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.catalog.CatalogRecord;
import dev.quarry.server.catalog.CatalogService;
import dev.quarry.server.datasets.DatasetStore;
import dev.quarry.server.jobs.Job;
import dev.quarry.server.web.ApiException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/discoverers}: configure the plugins that bring datasets into the catalog. Admins
 * only: a discoverer reads locations on the service's behalf.
 */
@RestController
@RequestMapping(path = "/api/v1/discoverers", produces = MediaType.APPLICATION_JSON_VALUE)
public class DiscovererController {

  /** Shortest interval between runs: portals are other people's servers. */
  static final long MIN_INTERVAL_SECONDS = 60;

  private final DiscovererStore store;
  private final DiscoveryScheduler scheduler;
  private final CatalogService catalog;
  private final DatasetStore datasets;

  public DiscovererController(DiscovererStore store, DiscoveryScheduler scheduler,
      CatalogService catalog, DatasetStore datasets) {
    this.store = store;
    this.scheduler = scheduler;
    this.catalog = catalog;
    this.datasets = datasets;
  }

  public record CreateRequest(String name, String type, Map<String, String> settings,
      Long interval_seconds) {}

  public record Types(List<String> types) {}

  public record RunResponse(String discoverer_id, String job_id) {}

  @GetMapping("/types")
  public Types types() {
    return new Types(List.copyOf(Discoverers.providers().keySet()));
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<DiscovererConfig> create(@RequestBody CreateRequest body) {
    QuarryUser user = admin();
    if (body == null || body.name() == null || body.name().isBlank()) {
      throw ApiException.badRequest("'name' is required", "name");
    }
    if (body.type() == null || !Discoverers.providers().containsKey(body.type())) {
      throw ApiException.badRequest("'type' must be one of " + Discoverers.providers().keySet(), "type");
    }
    long interval = body.interval_seconds() == null ? 3600 : body.interval_seconds();
    if (interval < MIN_INTERVAL_SECONDS || interval > 366L * 24 * 3600) {
      throw ApiException.badRequest("'interval_seconds' must be between " + MIN_INTERVAL_SECONDS
          + " and a year", "interval_seconds");
    }
    Map<String, String> settings = body.settings() == null ? Map.of() : body.settings();
    try {
      Discoverers.create(body.type(), settings, catalog.io()); // checks the settings
      for (String key : List.of("path", "prefix", "url")) {
        if (settings.get(key) != null) {
          // Refused now rather than at every run: the storage allow-list covers discoverers too.
          catalog.io().check(Location.parse(settings.get(key)));
        }
      }
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage(), "settings");
    } catch (AccessDeniedException e) {
      throw ApiException.badRequest("settings: " + e.getMessage(), "settings");
    }
    DiscovererConfig d = store.create(user.id(), body.name().strip(), body.type(), settings, interval);
    return ResponseEntity.status(HttpStatus.CREATED).body(d);
  }

  @GetMapping
  public List<DiscovererConfig> list() {
    admin();
    return store.list();
  }

  @GetMapping("/{id}")
  public DiscovererConfig get(@PathVariable String id) {
    admin();
    return find(id);
  }

  /** Runs the discoverer now (its schedule is unchanged). */
  @PostMapping("/{id}/run")
  public ResponseEntity<RunResponse> run(@PathVariable String id) {
    admin();
    Job job = scheduler.submit(find(id));
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(new RunResponse(id, job.id()));
  }

  /** Deletes the discoverer and the datasets it brought in. */
  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    admin();
    DiscovererConfig d = find(id);
    for (CatalogRecord r : catalog.discovered(d.id())) {
      catalog.remove(r.datasetId());
      datasets.delete(r.datasetId());
    }
    store.delete(d.id());
    return ResponseEntity.noContent().build();
  }

  private DiscovererConfig find(String id) {
    return store.find(id).orElseThrow(() -> ApiException.notFound("no discoverer with id '" + id + "'"));
  }

  private static QuarryUser admin() {
    QuarryUser u = CurrentUser.get();
    if (!u.isAdmin()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "only admins manage discoverers");
    }
    return u;
  }
}
