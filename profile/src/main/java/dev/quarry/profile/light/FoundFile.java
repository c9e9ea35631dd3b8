package dev.quarry.profile.light;

import dev.quarry.core.formats.Format;
import java.io.Serializable;
import java.util.List;

/**
 * What the light pass learned about one file (or archive member): where it is relative to the
 * dataset root, its size, content hash and format, and its members if it is an archive.
 *
 * @param index position in the listing, to keep the output in listing order whatever the merge order
 * @param memberPath path inside the archive for an archive member, else null
 * @param charset the sniffed charset name for text, else null
 */
record FoundFile(
    int index,
    String location,
    String relativePath,
    String memberPath,
    long size,
    String sha256,
    Format format,
    String mediaType,
    String charset,
    List<FoundFile> members,
    String error)
    implements Serializable {}
