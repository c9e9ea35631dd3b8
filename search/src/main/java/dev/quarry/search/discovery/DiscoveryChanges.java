package dev.quarry.search.discovery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** What changed at a source between two listings. */
public record DiscoveryChanges(
    List<DiscoveredDataset> added, List<DiscoveredDataset> updated, List<String> removed) {

  public DiscoveryChanges {
    added = List.copyOf(added);
    updated = List.copyOf(updated);
    removed = List.copyOf(removed);
  }

  /**
   * @param known what the catalog holds from this source: external id to version
   * @param now the source's listing
   */
  public static DiscoveryChanges between(Map<String, String> known, List<DiscoveredDataset> now) {
    List<DiscoveredDataset> added = new ArrayList<>();
    List<DiscoveredDataset> updated = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (DiscoveredDataset d : now) {
      if (!seen.add(d.externalId())) {
        continue; // a source listing one thing twice (paged results shifting) counts it once
      }
      if (!known.containsKey(d.externalId())) {
        added.add(d);
      } else if (!Objects.equals(known.get(d.externalId()), d.version())) {
        updated.add(d);
      }
    }
    List<String> removed = new ArrayList<>();
    for (String id : known.keySet()) {
      if (!seen.contains(id)) {
        removed.add(id);
      }
    }
    removed.sort(null);
    return new DiscoveryChanges(added, updated, removed);
  }

  public boolean isEmpty() {
    return added.isEmpty() && updated.isEmpty() && removed.isEmpty();
  }
}
