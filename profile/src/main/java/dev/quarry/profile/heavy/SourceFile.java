package dev.quarry.profile.heavy;

import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.Formats;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.io.Serializable;

/**
 * The file a heavy task reads: its FileObject {@code @id}, where it is, the member path when it
 * sits in an archive, and its format. Serializable, so tasks carry it to any worker.
 */
record SourceFile(String fileId, String location, String memberPath, Format format)
    implements Serializable {

  /** Opens the file (or the archive member) through {@code io}, which checks the access policy. */
  InputFile open(FileIO io) throws IOException {
    InputFile file = io.newInputFile(location);
    return memberPath == null ? file : Formats.archiveMember(file, memberPath);
  }

  String describe() {
    return memberPath == null ? fileId : fileId + "!/" + memberPath;
  }
}
