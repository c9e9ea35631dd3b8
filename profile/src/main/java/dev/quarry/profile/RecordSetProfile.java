package dev.quarry.profile;

import java.util.List;

/**
 * A table's profile: a CSV or Parquet file, a set of like files, an Excel sheet, a JSON collection
 * or a database table.
 *
 * @param sourceId the {@code @id} of the FileObject or FileSet it is read from
 * @param sourceIsFileSet whether {@code sourceId} names a FileSet
 * @param table the sheet/table/collection name inside the source, or null when the source is one table
 */
public record RecordSetProfile(
    String id,
    String name,
    String sourceId,
    boolean sourceIsFileSet,
    String table,
    long rows,
    List<FieldProfile> fields,
    List<String> warnings) {

  public RecordSetProfile {
    fields = List.copyOf(fields);
    warnings = List.copyOf(warnings);
  }
}
