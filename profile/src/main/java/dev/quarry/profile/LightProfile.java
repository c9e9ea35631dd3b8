package dev.quarry.profile;

import dev.quarry.core.model.DatasetSpec;
import java.time.Instant;
import java.util.List;

/** The files (and database tables) of a dataset: what it is made of, before reading inside. */
public record LightProfile(
    DatasetSpec spec,
    String location,
    List<FileEntry> files,
    List<FileSetEntry> fileSets,
    List<DatabaseTableEntry> databaseTables,
    long totalBytes,
    Instant profiledAt,
    List<String> warnings) {

  public LightProfile {
    files = List.copyOf(files);
    fileSets = List.copyOf(fileSets);
    databaseTables = List.copyOf(databaseTables);
    warnings = List.copyOf(warnings);
  }
}
