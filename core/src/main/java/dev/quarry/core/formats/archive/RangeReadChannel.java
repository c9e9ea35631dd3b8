package dev.quarry.core.formats.archive;

import dev.quarry.core.storage.InputFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;

/**
 * A read-only seekable channel over ranged reads of an {@link InputFile}, so that commons-compress
 * can read a remote zip's central directory without downloading the whole archive. Reads are served
 * from one cached block: the zip reader's many small reads cost one range request per block.
 */
final class RangeReadChannel implements SeekableByteChannel {

  private static final int BLOCK = 256 * 1024;

  private final InputFile file;
  private final long size;
  private long position;
  private long blockStart = -1;
  private byte[] block = new byte[0];
  private boolean open = true;

  RangeReadChannel(InputFile file) {
    this.file = file;
    this.size = file.length();
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (position >= size) {
      return -1;
    }
    int total = 0;
    while (dst.hasRemaining() && position < size) {
      if (blockStart < 0 || position < blockStart || position >= blockStart + block.length) {
        load(position);
      }
      int offset = (int) (position - blockStart);
      int n = Math.min(dst.remaining(), block.length - offset);
      dst.put(block, offset, n);
      position += n;
      total += n;
    }
    return total;
  }

  private void load(long at) throws IOException {
    try (InputStream in = file.openRange(at, BLOCK)) {
      block = in.readNBytes(BLOCK);
    }
    if (block.length == 0) {
      throw new IOException(file.location() + " ended at " + at + ", before its stated size " + size);
    }
    blockStart = at;
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return size;
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public SeekableByteChannel truncate(long size) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() {
    open = false;
    block = new byte[0];
  }

  private void ensureOpen() throws ClosedChannelException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
