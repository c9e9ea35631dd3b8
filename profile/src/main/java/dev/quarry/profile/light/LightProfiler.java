package dev.quarry.profile.light;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.RunOptions;
import dev.quarry.core.engine.RunResult;
import dev.quarry.core.engine.TaskFailure;
import dev.quarry.core.formats.Format;
import dev.quarry.core.model.DatasetSpec;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.ListOptions;
import dev.quarry.core.storage.Location;
import dev.quarry.profile.FileEntry;
import dev.quarry.profile.FileSetEntry;
import dev.quarry.profile.LightProfile;
import dev.quarry.profile.ProfileException;
import dev.quarry.profile.stats.FieldIds;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The light profile: lists the dataset's files, hashes their content (SHA-256 of the bytes, not of
 * the path), detects formats, opens archives, and groups like files of a folder into FileSets.
 */
public final class LightProfiler {

  /** Folders with at least this many files of one format become a FileSet. */
  static final int MIN_FILESET_SIZE = 2;

  private final FileIO io;
  private final Engine engine;

  public LightProfiler(FileIO io, Engine engine) {
    this.io = io;
    this.engine = engine;
  }

  /** What the heavy pass needs besides the light profile itself: the files found, with formats. */
  public record Result(LightProfile profile, List<ProfiledFile> files) {}

  /**
   * A file (or archive member) the heavy pass can open.
   *
   * @param id the FileObject {@code @id}
   * @param fileSetId the FileSet it belongs to, or null
   */
  public record ProfiledFile(String id, String location, String memberPath, Format format,
      String charset, String fileSetId) {}

  public Result profile(Location root, DatasetSpec spec, RunOptions options) throws IOException {
    List<FileStatus> listing;
    boolean folder = !root.isHttp() && io.isDirectory(root);
    if (folder) {
      listing = new ArrayList<>();
      for (FileStatus s : io.list(root, ListOptions.RECURSIVE)) {
        if (!isHidden(root.relativize(s.location()))) {
          listing.add(s);
        }
      }
      if (listing.isEmpty()) {
        throw new ProfileException(root + ": the folder holds no files");
      }
    } else {
      listing = List.of(io.stat(root));
    }

    List<FileTask> tasks = new ArrayList<>();
    for (int i = 0; i < listing.size(); i++) {
      Location loc = listing.get(i).location();
      String rel = folder ? root.relativize(loc) : loc.name();
      tasks.add(new FileTask(io, i, loc, rel));
    }
    RunResult<LightFindings> run = engine.run(tasks, LightFindings::merge, options);
    if (run.cancelled()) {
      throw new ProfileException(root + ": cancelled");
    }
    List<String> warnings = new ArrayList<>();
    for (TaskFailure f : run.failures()) {
      warnings.add(f.task() + ": could not be read: " + f.error());
    }
    if (run.merged().isEmpty()) {
      String why = run.failures().isEmpty() ? "nothing to read" : run.failures().get(0).error();
      throw new ProfileException(root + ": " + why);
    }
    List<FoundFile> found = run.merged().get().sorted();
    boolean remoteSingle = !folder && !root.isLocal();
    if (!folder) {
      rejectUnprofilable(root, found.get(0));
    }

    List<FileEntry> entries = new ArrayList<>();
    List<ProfiledFile> files = new ArrayList<>();
    Map<String, List<FoundFile>> groups = new LinkedHashMap<>();
    long total = 0;
    for (FoundFile f : found) {
      total += f.size();
      String id = FieldIds.sanitize(f.relativePath());
      String contentUrl = remoteSingle ? f.location() : f.relativePath();
      entries.add(new FileEntry(id, lastSegment(f.relativePath()), contentUrl, f.size(), f.sha256(),
          f.mediaType(), null));
      if (f.error() != null) {
        warnings.add(f.relativePath() + ": " + f.error());
      }
      if (f.size() == 0) {
        warnings.add(f.relativePath() + ": empty file");
        continue;
      }
      if (f.format().kind() == Format.Kind.CONTAINER) {
        for (FoundFile m : f.members()) {
          String memberId = FieldIds.sanitize(f.relativePath() + "/" + m.memberPath());
          entries.add(new FileEntry(memberId, lastSegment(m.memberPath()), m.memberPath(), m.size(),
              m.sha256(), m.mediaType(), id));
          files.add(new ProfiledFile(memberId, f.location(), m.memberPath(), m.format(),
              m.charset(), null));
        }
      } else {
        groups.computeIfAbsent(groupKey(f), k -> new ArrayList<>()).add(f);
        files.add(new ProfiledFile(id, f.location(), null, f.format(), f.charset(), null));
      }
    }

    List<FileSetEntry> sets = new ArrayList<>();
    if (folder) {
      for (Map.Entry<String, List<FoundFile>> g : groups.entrySet()) {
        List<FoundFile> members = g.getValue();
        Format format = members.get(0).format();
        if (members.size() < MIN_FILESET_SIZE || format.kind() != Format.Kind.TABLE) {
          continue;
        }
        String glob = g.getKey();
        String setId = FieldIds.sanitize(glob);
        List<String> memberIds = new ArrayList<>();
        for (FoundFile m : members) {
          String mid = FieldIds.sanitize(m.relativePath());
          memberIds.add(mid);
          files.replaceAll(p -> p.id().equals(mid)
              ? new ProfiledFile(p.id(), p.location(), p.memberPath(), p.format(), p.charset(), setId)
              : p);
        }
        sets.add(new FileSetEntry(setId, glob, members.get(0).mediaType(), List.of(glob), null,
            memberIds));
      }
    }
    LightProfile profile = new LightProfile(spec, root.uri(), entries, sets, List.of(), total,
        Instant.now(), warnings);
    return new Result(profile, files);
  }

  /** A single file the user named must hold something Quarry can read. */
  private static void rejectUnprofilable(Location root, FoundFile f) throws ProfileException {
    if (f.size() == 0) {
      throw new ProfileException(root + ": the file is empty");
    }
    if (f.format() == Format.BINARY) {
      throw new ProfileException(root + ": not a format Quarry reads (binary data of unknown type)");
    }
    if (f.error() != null) {
      throw new ProfileException(root + ": " + f.error());
    }
  }

  /** Files of one folder, one format and one extension share a glob: {@code data/*.parquet}. */
  private static String groupKey(FoundFile f) {
    String rel = f.relativePath();
    int slash = rel.lastIndexOf('/');
    String dir = slash < 0 ? "" : rel.substring(0, slash + 1);
    String name = rel.substring(slash + 1);
    int dot = name.indexOf('.');
    String ext = dot <= 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT);
    return dir + "*" + ext;
  }

  private static boolean isHidden(String relativePath) {
    for (String part : relativePath.split("/")) {
      if (part.startsWith(".") || part.equals("__MACOSX")) {
        return true;
      }
    }
    return false;
  }

  private static String lastSegment(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
