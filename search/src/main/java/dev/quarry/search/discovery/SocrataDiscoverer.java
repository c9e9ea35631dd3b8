package dev.quarry.search.discovery;

import dev.quarry.core.storage.FileIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code socrata}: the Socrata Discovery API ({@code /api/catalog/v1}) for one domain (settings:
 * {@code url}, the API host such as {@code https://api.us.socrata.com}; {@code domain}; optional
 * {@code q}; optional {@code data_url}, where the domain serves its data, {@code https://{domain}}
 * by default). Each dataset is read as its CSV export, versioned by its data update time.
 */
final class SocrataDiscoverer implements Discoverer {

  private static final int LIMIT = 100;

  private final PortalClient portal;
  private final String domain;
  private final String dataUrl;
  private final String q;

  SocrataDiscoverer(PortalClient portal, String domain, String dataUrl, String q) {
    this.portal = portal;
    this.domain = domain;
    this.dataUrl = dataUrl.endsWith("/") ? dataUrl.substring(0, dataUrl.length() - 1) : dataUrl;
    this.q = q;
  }

  @Override
  public List<DiscoveredDataset> list() throws IOException {
    List<DiscoveredDataset> out = new ArrayList<>();
    for (int page = 0, offset = 0; page < PortalClient.MAX_PAGES; page++, offset += LIMIT) {
      JsonNode answer = portal.get("/api/catalog/v1?domains=" + PortalClient.enc(domain)
          + "&only=dataset&limit=" + LIMIT + "&offset=" + offset
          + (q == null ? "" : "&q=" + PortalClient.enc(q)));
      JsonNode results = answer.path("results");
      if (!results.isArray()) {
        throw new IOException(portal.base() + ": not a catalog answer (no 'results')");
      }
      for (JsonNode r : results) {
        JsonNode res = r.path("resource");
        String id = PortalClient.text(res, "id");
        if (id == null || !"dataset".equals(PortalClient.text(res, "type"))) {
          continue;
        }
        String version = PortalClient.text(res, "data_updated_at");
        if (version == null) {
          version = PortalClient.text(res, "updatedAt");
        }
        List<String> tags = new ArrayList<>(PortalClient.texts(r.path("classification").get("domain_tags"), null));
        tags.addAll(PortalClient.texts(r.path("classification").get("tags"), null));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("socrata_id", id);
        meta.put("domain", domain);
        String link = PortalClient.text(r, "permalink");
        if (link != null) {
          meta.put("landing_page", link);
        }
        out.add(new DiscoveredDataset(id, dataUrl + "/api/views/" + id + "/rows.csv?accessType=DOWNLOAD",
            version, PortalClient.text(res, "name"), PortalClient.text(res, "description"), tags,
            PortalClient.text(r.path("metadata"), "license"), meta));
      }
      if (results.size() < LIMIT || offset + LIMIT >= answer.path("resultSetSize").asLong()) {
        break;
      }
    }
    return out;
  }

  /** The provider. */
  public static final class Provider implements DiscovererProvider {
    @Override
    public String type() {
      return "socrata";
    }

    @Override
    public Discoverer create(Map<String, String> settings, FileIO io) {
      String domain = Discoverers.required(settings, "domain", "socrata");
      String dataUrl = settings.getOrDefault("data_url", "https://" + domain);
      return new SocrataDiscoverer(new PortalClient(io, Discoverers.required(settings, "url", "socrata")),
          domain, dataUrl, settings.get("q"));
    }
  }
}
