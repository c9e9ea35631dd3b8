package dev.quarry.core.formats.parquet;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A local file that records every range asked of it, as an S3 object would be billed for them. */
final class CountingInputFile implements InputFile {

  /** One {@code openRange} call. */
  record Range(long offset, long length) {}

  private final InputFile delegate;
  private final List<Range> ranges = new ArrayList<>();
  private int wholeStreams;

  CountingInputFile(Path path) throws IOException {
    this.delegate = FileIO.unrestricted().newInputFile(path.toString());
  }

  List<Range> ranges() {
    return ranges;
  }

  long bytesRequested() {
    return ranges.stream().mapToLong(Range::length).sum();
  }

  int wholeStreams() {
    return wholeStreams;
  }

  void reset() {
    ranges.clear();
    wholeStreams = 0;
  }

  @Override
  public Location location() {
    return delegate.location();
  }

  @Override
  public FileStatus status() {
    return delegate.status();
  }

  @Override
  public InputStream newStream() throws IOException {
    wholeStreams++;
    return delegate.newStream();
  }

  @Override
  public InputStream openRange(long offset, long length) throws IOException {
    ranges.add(new Range(offset, length < 0 ? length() - offset : length));
    return delegate.openRange(offset, length);
  }
}
