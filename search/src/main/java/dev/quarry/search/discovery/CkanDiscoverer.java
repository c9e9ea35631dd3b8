package dev.quarry.search.discovery;

import dev.quarry.core.storage.FileIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code ckan}: a CKAN portal's {@code package_search} (settings: {@code url}, optional {@code q},
 * {@code fq}). Every tabular resource of every package is a dataset, versioned by the resource's
 * own modification time (or the package's).
 */
final class CkanDiscoverer implements Discoverer {

  static final Set<String> TABLE_FORMATS = Set.of("csv", "tsv", "json", "jsonl", "parquet", "xlsx",
      "xls", "text/csv", "application/json", "application/vnd.apache.parquet");
  private static final int ROWS = 100;

  private final PortalClient portal;
  private final String q;
  private final String fq;

  CkanDiscoverer(PortalClient portal, String q, String fq) {
    this.portal = portal;
    this.q = q;
    this.fq = fq;
  }

  @Override
  public List<DiscoveredDataset> list() throws IOException {
    List<DiscoveredDataset> out = new ArrayList<>();
    for (int page = 0, start = 0; page < PortalClient.MAX_PAGES; page++, start += ROWS) {
      JsonNode answer = portal.get("/api/3/action/package_search?rows=" + ROWS + "&start=" + start
          + (q == null ? "" : "&q=" + PortalClient.enc(q))
          + (fq == null ? "" : "&fq=" + PortalClient.enc(fq)));
      if (!answer.path("success").asBoolean(false)) {
        throw new IOException(portal.base() + ": package_search failed: "
            + answer.path("error").toString());
      }
      JsonNode results = answer.path("result").path("results");
      for (JsonNode pkg : results) {
        addResources(pkg, out);
      }
      if (results.size() < ROWS || start + ROWS >= answer.path("result").path("count").asLong()) {
        break;
      }
    }
    return out;
  }

  private void addResources(JsonNode pkg, List<DiscoveredDataset> out) {
    String pkgId = PortalClient.text(pkg, "id");
    String title = PortalClient.text(pkg, "title");
    List<String> tags = PortalClient.texts(pkg.get("tags"), "name");
    for (JsonNode r : pkg.path("resources")) {
      String format = PortalClient.text(r, "format");
      String url = PortalClient.text(r, "url");
      if (url == null || format == null || !TABLE_FORMATS.contains(format.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String version = PortalClient.text(r, "last_modified");
      if (version == null) {
        version = PortalClient.text(r, "metadata_modified");
      }
      if (version == null) {
        version = PortalClient.text(pkg, "metadata_modified");
      }
      String rname = PortalClient.text(r, "name");
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("ckan_package", PortalClient.text(pkg, "name"));
      meta.put("ckan_resource", PortalClient.text(r, "id"));
      meta.put("portal", portal.base());
      meta.values().removeIf(java.util.Objects::isNull);
      out.add(new DiscoveredDataset(pkgId + "/" + PortalClient.text(r, "id"), url, version,
          rname == null || rname.equals(title) ? title : title + ": " + rname,
          PortalClient.text(pkg, "notes"), tags, PortalClient.text(pkg, "license_id"), meta));
    }
  }

  /** The provider. */
  public static final class Provider implements DiscovererProvider {
    @Override
    public String type() {
      return "ckan";
    }

    @Override
    public Discoverer create(Map<String, String> settings, FileIO io) {
      return new CkanDiscoverer(new PortalClient(io, Discoverers.required(settings, "url", "ckan")),
          settings.get("q"), settings.get("fq"));
    }
  }
}
