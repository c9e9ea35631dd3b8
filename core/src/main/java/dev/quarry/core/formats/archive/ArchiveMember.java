package dev.quarry.core.formats.archive;

import java.time.Instant;

/**
 * A file inside an archive or compressed file.
 *
 * @param path the member's path inside the archive, '/'-separated, never absolute nor with "..";
 *     for a gzip file, the file name without {@code .gz}
 * @param size uncompressed size in bytes, or -1 when the archive does not say
 * @param modified last modification time, or null when unknown
 */
public record ArchiveMember(String path, long size, Instant modified) {

  /** The last path segment. */
  public String name() {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }
}
