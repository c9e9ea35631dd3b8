package dev.quarry.search.discovery;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code urls}: a fixed list of files ({@code urls}: one per line or comma-separated). Each URL
 * that answers is a dataset, versioned by its ETag or size and Last-Modified; one that no longer
 * answers is removed.
 */
final class UrlListDiscoverer implements Discoverer {

  private final FileIO io;
  private final List<Location> urls;

  UrlListDiscoverer(FileIO io, List<Location> urls) {
    this.io = io;
    this.urls = urls;
  }

  @Override
  public List<DiscoveredDataset> list() throws IOException {
    List<DiscoveredDataset> out = new ArrayList<>();
    for (Location u : urls) {
      if (!io.exists(u)) {
        continue;
      }
      FileStatus s = io.stat(u);
      out.add(new DiscoveredDataset(u.uri(), u.uri(), s.version(), u.name(), null, List.of(), null,
          Map.of("url", u.toString())));
    }
    return out;
  }

  /** The provider. */
  public static final class Provider implements DiscovererProvider {
    @Override
    public String type() {
      return "urls";
    }

    @Override
    public Discoverer create(Map<String, String> settings, FileIO io) {
      List<Location> urls = new ArrayList<>();
      for (String u : Discoverers.required(settings, "urls", "urls").split("[,\\s]+")) {
        if (u.isBlank()) {
          continue;
        }
        Location l;
        try {
          l = Location.parse(u);
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("urls discoverer: " + e.getMessage());
        }
        if (l.isLocal()) {
          throw new IllegalArgumentException("urls discoverer: '" + u + "' is not a URL");
        }
        urls.add(l);
      }
      return new UrlListDiscoverer(io, urls);
    }
  }
}
