package dev.quarry.search.discovery;

import dev.quarry.core.storage.FileIO;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * {@code zenodo}: Zenodo's records API ({@code /api/records}; settings: {@code url}, optional
 * {@code q}, {@code community}). Every table file of every record is a dataset, versioned by the
 * file's checksum.
 */
final class ZenodoDiscoverer implements Discoverer {

  private static final int SIZE = 100;

  private final PortalClient portal;
  private final String q;
  private final String community;

  ZenodoDiscoverer(PortalClient portal, String q, String community) {
    this.portal = portal;
    this.q = q;
    this.community = community;
  }

  @Override
  public List<DiscoveredDataset> list() throws IOException {
    List<DiscoveredDataset> out = new ArrayList<>();
    for (int page = 1; page <= PortalClient.MAX_PAGES; page++) {
      JsonNode answer = portal.get("/api/records?size=" + SIZE + "&page=" + page
          + "&type=dataset" + (q == null ? "" : "&q=" + PortalClient.enc(q))
          + (community == null ? "" : "&communities=" + PortalClient.enc(community)));
      JsonNode hits = answer.path("hits").path("hits");
      if (!hits.isArray()) {
        throw new IOException(portal.base() + ": not a records answer (no 'hits.hits')");
      }
      for (JsonNode rec : hits) {
        addFiles(rec, out);
      }
      if (hits.size() < SIZE || answer.path("links").path("next").isMissingNode()) {
        break;
      }
    }
    return out;
  }

  private static void addFiles(JsonNode rec, List<DiscoveredDataset> out) {
    String recid = rec.path("id").asString();
    JsonNode md = rec.path("metadata");
    String title = PortalClient.text(md, "title");
    String description = PortalClient.text(md, "description");
    if (description != null) {
      description = description.replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ").strip();
    }
    String license = PortalClient.text(md.path("license"), "id");
    List<String> keywords = PortalClient.texts(md.get("keywords"), null);
    for (JsonNode f : rec.path("files")) {
      String key = PortalClient.text(f, "key");
      String url = PortalClient.text(f.path("links"), "self");
      if (key == null || url == null || !StorageDiscoverer.isTable(key)) {
        continue;
      }
      String version = PortalClient.text(f, "checksum");
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("zenodo_record", recid);
      String doi = PortalClient.text(rec, "doi");
      if (doi != null) {
        meta.put("doi", doi);
      }
      out.add(new DiscoveredDataset(recid + "/" + key, url,
          version != null ? version : PortalClient.text(rec, "updated"),
          title + " (" + key + ")", description, keywords, license, meta));
    }
  }

  /** The provider. */
  public static final class Provider implements DiscovererProvider {
    @Override
    public String type() {
      return "zenodo";
    }

    @Override
    public Discoverer create(Map<String, String> settings, FileIO io) {
      return new ZenodoDiscoverer(new PortalClient(io, Discoverers.required(settings, "url", "zenodo")),
          settings.get("q"), settings.get("community"));
    }
  }
}
