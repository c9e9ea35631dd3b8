package dev.quarry.search.discovery;

import java.io.IOException;
import java.util.List;

/**
 * Lists what a source holds now. The service compares each listing with the previous one
 * ({@link DiscoveryChanges#between}) to add, re-profile and remove datasets, so a discoverer only
 * has to describe the present.
 */
public interface Discoverer {

  /** Every dataset the source holds now. Throws if the source cannot be read at all. */
  List<DiscoveredDataset> list() throws IOException;
}
