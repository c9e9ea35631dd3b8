package dev.quarry.profile.heavy;

import dev.quarry.profile.DocumentProfile;
import dev.quarry.profile.stats.TableStats;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What heavy tasks found: statistics per table (merged when two tasks read parts of the same
 * table), document profiles, and warnings. Merging is associative, so the engine may combine task
 * results in any grouping.
 */
final class HeavyFindings implements Serializable {

  private static final long serialVersionUID = 1L;

  final LinkedHashMap<TableKey, TableStats> tables = new LinkedHashMap<>();
  final ArrayList<DocumentProfile> documents = new ArrayList<>();
  final ArrayList<String> warnings = new ArrayList<>();

  HeavyFindings merge(HeavyFindings o) {
    for (Map.Entry<TableKey, TableStats> e : o.tables.entrySet()) {
      tables.merge(e.getKey(), e.getValue(), TableStats::merge);
    }
    documents.addAll(o.documents);
    warnings.addAll(o.warnings);
    return this;
  }
}
