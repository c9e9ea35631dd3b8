package dev.quarry.core.formats.archive;

import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.io.function.IOSupplier;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * An archive member seen as a file. Its bytes exist only compressed, so {@link #openRange} is
 * sequential: it decompresses from the start of the member and discards up to {@code offset}. Readers
 * that need real random access (Parquet, XLSX, PDF) should use {@link Archives#spoolToTempFile}.
 */
final class MemberFile implements InputFile {

  private final FileStatus status;
  private final IOSupplier<InputStream> opener;

  MemberFile(FileStatus status, IOSupplier<InputStream> opener) {
    this.status = status;
    this.opener = opener;
  }

  @Override
  public Location location() {
    return status.location();
  }

  /** The uncompressed size when the archive records it, else -1. */
  @Override
  public FileStatus status() {
    return status;
  }

  @Override
  public InputStream newStream() throws IOException {
    return opener.get();
  }

  @Override
  public InputStream openRange(long offset, long length) throws IOException {
    InputStream in = opener.get();
    try {
      in.skipNBytes(offset);
    } catch (EOFException e) {
      in.close();
      return InputStream.nullInputStream(); // the range starts past the end: no bytes
    }
    if (length < 0) {
      return in;
    }
    return BoundedInputStream.builder().setInputStream(in).setMaxCount(length).get();
  }

  @Override
  public String toString() {
    return location().toString();
  }
}
