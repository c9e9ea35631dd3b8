package dev.quarry.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.apache.commons.io.input.BoundedInputStream;

/** Streams over a byte range of a local file, and over a bounded part of any stream. */
final class FileSlices {

  private FileSlices() {}

  /** {@code length} bytes of {@code file} from {@code offset} (-1: to the end); shorter at EOF. */
  static InputStream open(Path file, long offset, long length) throws IOException {
    if (offset < 0 || length < -1) {
      throw new IllegalArgumentException("bad range: offset " + offset + ", length " + length);
    }
    FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
    try {
      channel.position(offset); // past the end is fine: reads then return EOF
      return bounded(Channels.newInputStream(channel), length);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /** At most {@code length} bytes of {@code in} (-1: all of it); closing it closes {@code in}. */
  static InputStream bounded(InputStream in, long length) throws IOException {
    if (length < 0) {
      return in;
    }
    return BoundedInputStream.builder().setInputStream(in).setMaxCount(length).get();
  }
}
