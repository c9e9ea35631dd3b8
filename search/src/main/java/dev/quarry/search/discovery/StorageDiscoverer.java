package dev.quarry.search.discovery;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.ListOptions;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every table file under a local folder or an {@code s3://} prefix is a dataset; a file's etag or
 * size and modification time is its version, so a rewritten file is re-profiled and a deleted one
 * removed.
 */
final class StorageDiscoverer implements Discoverer {

  /** Extensions of files the profiler reads as tables (also when gzip-compressed). */
  static final Set<String> TABLE_EXTENSIONS =
      Set.of("csv", "tsv", "json", "jsonl", "ndjson", "parquet", "xlsx", "xls");

  private final FileIO io;
  private final Location root;
  private final String type;

  StorageDiscoverer(FileIO io, Location root, String type) {
    this.io = io;
    this.root = root;
    this.type = type;
  }

  @Override
  public List<DiscoveredDataset> list() throws IOException {
    if (root.isLocal() && !io.isDirectory(root)) {
      throw new IOException(type + " discoverer: " + root + " is not a folder");
    }
    List<DiscoveredDataset> out = new ArrayList<>();
    for (FileStatus s : io.list(root, ListOptions.RECURSIVE)) {
      String rel = root.relativize(s.location());
      if (rel.startsWith(".") || rel.contains("/.") || !isTable(rel)) {
        continue;
      }
      String name = rel.substring(rel.lastIndexOf('/') + 1);
      out.add(new DiscoveredDataset(rel, s.location().uri(), s.version(), name, null, List.of(),
          null, Map.of("path", rel)));
    }
    return out;
  }

  static boolean isTable(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".gz")) {
      n = n.substring(0, n.length() - 3);
    }
    int dot = n.lastIndexOf('.');
    return dot >= 0 && TABLE_EXTENSIONS.contains(n.substring(dot + 1));
  }

  /** {@code folder}: settings {@code path}. */
  public static final class Folder implements DiscovererProvider {
    @Override
    public String type() {
      return "folder";
    }

    @Override
    public Discoverer create(Map<String, String> settings, FileIO io) {
      Location root = Location.parse(Discoverers.required(settings, "path", "folder"));
      if (!root.isLocal()) {
        throw new IllegalArgumentException("folder discoverer: 'path' must be a local folder");
      }
      return new StorageDiscoverer(io, root, "folder");
    }
  }

  /** {@code s3}: settings {@code prefix} ({@code s3://bucket/prefix/}). */
  public static final class S3 implements DiscovererProvider {
    @Override
    public String type() {
      return "s3";
    }

    @Override
    public Discoverer create(Map<String, String> settings, FileIO io) {
      String prefix = Discoverers.required(settings, "prefix", "s3");
      Location root = Location.parse(prefix.endsWith("/") ? prefix : prefix + "/");
      if (!root.isS3()) {
        throw new IllegalArgumentException("s3 discoverer: 'prefix' must be an s3:// location");
      }
      return new StorageDiscoverer(io, root, "s3");
    }
  }
}
