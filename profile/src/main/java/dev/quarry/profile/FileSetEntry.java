package dev.quarry.profile;

import java.util.List;

/**
 * Like files in one folder (a Croissant FileSet): same format, described by a glob.
 *
 * @param includes globs relative to the dataset root (or to the archive when {@code containedIn})
 * @param memberIds the {@code @id}s of the FileObjects it covers (not written to Croissant, which
 *     describes a FileSet by its globs, but used to profile its files as one record set)
 */
public record FileSetEntry(
    String id,
    String name,
    String encodingFormat,
    List<String> includes,
    String containedIn,
    List<String> memberIds) {

  public FileSetEntry {
    includes = List.copyOf(includes);
    memberIds = List.copyOf(memberIds);
  }
}
