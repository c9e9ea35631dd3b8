package dev.quarry.server.datasets;

import dev.quarry.server.auth.CurrentUser;
import dev.quarry.server.auth.QuarryUser;
import dev.quarry.server.catalog.CatalogService;
import dev.quarry.server.profiles.ProfileSpecParser;
import dev.quarry.server.web.ApiException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/datasets}: register a dataset (a {@code profile_specification} with its data
 * connector, checked as at profile submission), list, get and delete. Owner-scoped like jobs.
 * A registered dataset is profiled and indexed in the search catalog; deleting it removes it there.
 */
@RestController
@RequestMapping("/api/v1/datasets")
public class DatasetController {

  private static final int MAX_PAGE_SIZE = 100;

  private final DatasetStore store;
  private final ProfileSpecParser parser;
  private final CatalogService catalog;

  public DatasetController(DatasetStore store, ProfileSpecParser parser, CatalogService catalog) {
    this.store = store;
    this.parser = parser;
    this.catalog = catalog;
  }

  public record Page(List<Dataset> items, int page, int size, long total) {}

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Dataset> register(@RequestBody JsonNode body) {
    QuarryUser user = CurrentUser.get();
    Dataset dataset = store.create(user.id(), parser.parseSpecification(body, ""));
    // Profiled as a job and indexed in the search catalog when its heavy profile is ready.
    catalog.enqueue(dataset, user, CatalogService.Origin.of("api"));
    return ResponseEntity.status(HttpStatus.CREATED).body(dataset);
  }

  @GetMapping
  public Page list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
    if (page < 0 || page > 1_000_000) {
      throw ApiException.badRequest("page must be between 0 and 1000000", "page");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw ApiException.badRequest("size must be between 1 and " + MAX_PAGE_SIZE, "size");
    }
    QuarryUser user = CurrentUser.get();
    String owner = user.isAdmin() ? null : user.id();
    return new Page(store.list(owner, page * size, size), page, size, store.count(owner));
  }

  @GetMapping("/{id}")
  public Dataset get(@PathVariable String id) {
    return visible(CurrentUser.get(), id);
  }

  @DeleteMapping("/{id}")
  public ResponseEntity<Void> delete(@PathVariable String id) {
    store.delete(visible(CurrentUser.get(), id).id());
    catalog.remove(id);
    return ResponseEntity.noContent().build();
  }

  /** The dataset if {@code user} may see it; another user's dataset is reported as missing. */
  public Dataset visible(QuarryUser user, String id) {
    return store.find(id).filter(d -> user.canAccess(d.ownerId()))
        .orElseThrow(() -> ApiException.notFound("no dataset with id '" + id + "'"));
  }
}
