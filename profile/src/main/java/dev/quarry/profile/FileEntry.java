package dev.quarry.profile;

/**
 * One file of a dataset (a Croissant FileObject).
 *
 * @param id the Croissant {@code @id} (unique, no spaces)
 * @param contentUrl the path relative to the dataset root (or the full URL for a single remote file);
 *     for an archive member, its path inside the archive
 * @param sha256 hex SHA-256 of the content (for archive members: of the member's bytes)
 * @param containedIn the {@code @id} of the archive holding this file, or null
 */
public record FileEntry(
    String id,
    String name,
    String contentUrl,
    long size,
    String sha256,
    String encodingFormat,
    String containedIn) {}
