package dev.quarry.core.formats.parquet;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;

/**
 * Parquet's output abstraction over a plain stream, so parquet-java writes to a file, an HTTP
 * response or an S3 upload alike with no Hadoop {@code FileSystem}. Parquet only appends, so the
 * position is a byte count. Closing the Parquet stream flushes but leaves {@code out} open: its
 * caller owns it.
 */
public final class StreamOutputFile implements OutputFile {

  private final OutputStream out;
  private long position;

  public StreamOutputFile(OutputStream out) {
    this.out = out;
  }

  /** Bytes written so far. */
  public long position() {
    return position;
  }

  @Override
  public PositionOutputStream create(long blockSizeHint) {
    return new PositionOutputStream() {
      @Override
      public long getPos() {
        return position;
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        position++;
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        position += len;
      }

      @Override
      public void flush() throws IOException {
        out.flush();
      }

      @Override
      public void close() throws IOException {
        out.flush();
      }
    };
  }

  @Override
  public PositionOutputStream createOrOverwrite(long blockSizeHint) {
    return create(blockSizeHint);
  }

  @Override
  public boolean supportsBlockSize() {
    return false;
  }

  @Override
  public long defaultBlockSize() {
    return 0;
  }

  @Override
  public String getPath() {
    return "stream";
  }
}
