package dev.quarry.profile.light;

import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.Formats;
import dev.quarry.core.formats.detect.DetectedFormat;
import dev.quarry.core.formats.detect.FormatDetector;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Hashes one file, detects its format from the same read, and does the same for each member when
 * it is an archive. One task per file, so a folder of files is hashed in parallel.
 */
final class FileTask implements Task<LightFindings> {

  private static final long serialVersionUID = 1L;

  private final FileIO io;
  private final int index;
  private final String location;
  private final String relativePath;

  FileTask(FileIO io, int index, Location location, String relativePath) {
    this.io = io;
    this.index = index;
    this.location = location.uri();
    this.relativePath = relativePath;
  }

  @Override
  public LightFindings run(TaskContext context) throws IOException {
    InputFile file = io.newInputFile(location);
    return LightFindings.of(inspect(file, index, relativePath, null, true));
  }

  static FoundFile inspect(InputFile file, int index, String relativePath, String memberPath,
      boolean openArchives) throws IOException {
    ContentDigest digest;
    try (InputStream in = file.newStream()) {
      digest = ContentDigest.of(in, FormatDetector.SAMPLE_SIZE);
    }
    String name = memberPath != null ? memberPath : relativePath;
    DetectedFormat detected = FormatDetector.detect(digest.head(), digest.headLength(), name);
    List<FoundFile> members = List.of();
    String error = null;
    if (openArchives && detected.format().kind() == Format.Kind.CONTAINER) {
      members = new ArrayList<>();
      try {
        int i = 0;
        for (InputFile member : Formats.archiveMembers(file, detected.format())) {
          String path = Formats.memberPath(member.location());
          members.add(inspect(member, i++, relativePath, path, false));
        }
      } catch (IOException e) {
        error = "cannot open archive: " + e.getMessage();
      }
    }
    return new FoundFile(index, file.location().uri(), relativePath, memberPath, digest.bytes(),
        digest.sha256(), detected.format(), detected.mediaType(),
        detected.charset() == null ? null : detected.charset().name(), members, error);
  }

  @Override
  public String describe() {
    return relativePath;
  }
}
