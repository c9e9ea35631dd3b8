package dev.quarry.core.storage;

import java.io.IOException;
import java.io.InputStream;

/**
 * A readable object that exists: its status is known, its bytes can be streamed whole or by range.
 * Obtained from {@link FileIO#newInputFile}, which has already checked the access policy.
 */
public interface InputFile extends RangeReadable {

  Location location();

  /** Size, modification time and version, fetched once when the handle was made. */
  FileStatus status();

  default long length() {
    return status().size();
  }

  /** Streams the whole object. */
  InputStream newStream() throws IOException;
}
