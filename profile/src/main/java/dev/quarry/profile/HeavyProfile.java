package dev.quarry.profile;

import java.util.List;

/** What is inside the files: record sets with field statistics, documents, and coverage. */
public record HeavyProfile(
    List<RecordSetProfile> recordSets,
    List<DocumentProfile> documents,
    TemporalCoverage temporal,
    SpatialCoverage spatial,
    List<String> warnings) {

  public HeavyProfile {
    recordSets = List.copyOf(recordSets);
    documents = List.copyOf(documents);
    warnings = List.copyOf(warnings);
  }
}
