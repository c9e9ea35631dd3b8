package dev.quarry.core.formats.parquet;

import dev.quarry.core.storage.InputFile;

/**
 * Parquet's file abstraction over a Quarry {@link InputFile}, so parquet-java reads local files, S3
 * and HTTP alike through ranged reads, with no Hadoop {@code FileSystem} involved.
 */
final class RangeInputFile implements org.apache.parquet.io.InputFile {

  private final InputFile file;

  RangeInputFile(InputFile file) {
    this.file = file;
  }

  @Override
  public long getLength() {
    return file.length();
  }

  @Override
  public RangeSeekableInputStream newStream() {
    return new RangeSeekableInputStream(file, file.length());
  }

  @Override
  public String toString() {
    return file.location().toString();
  }
}
