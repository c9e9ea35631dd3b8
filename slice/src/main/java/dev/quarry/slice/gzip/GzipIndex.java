package dev.quarry.slice.gzip;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * The random-access index of a gzip object: its compressed and uncompressed sizes and the
 * checkpoints where decompression can start, ordered by offset. Immutable and serializable; {@link
 * #writeTo} / {@link #readFrom} give a compact binary form. Memory: each checkpoint holds its window
 * deflated (FASTQ: about 12 KiB of the 32 KiB).
 */
public record GzipIndex(long compressedSize, long uncompressedSize, int members,
    List<GzipCheckpoint> checkpoints) implements Serializable {

  private static final int MAGIC = 0x51475a49; // "QGZI"
  private static final int VERSION = 1;

  public GzipIndex {
    checkpoints = List.copyOf(checkpoints);
    if (compressedSize < 0 || uncompressedSize < 0 || members < 0) {
      throw new IllegalArgumentException("negative size in gzip index");
    }
    for (int i = 1; i < checkpoints.size(); i++) {
      GzipCheckpoint a = checkpoints.get(i - 1);
      GzipCheckpoint b = checkpoints.get(i);
      if (b.uncompressedOffset() < a.uncompressedOffset()
          || b.compressedOffset() < a.compressedOffset()) {
        throw new IllegalArgumentException("gzip index checkpoints out of order at " + i);
      }
    }
  }

  /**
   * The last checkpoint at or before {@code uncompressedOffset}: decompressing from it reaches the
   * offset with the least work.
   */
  public GzipCheckpoint checkpointAtOrBefore(long uncompressedOffset) {
    if (checkpoints.isEmpty() || uncompressedOffset < 0) {
      throw new IllegalArgumentException("no gzip checkpoint at or before " + uncompressedOffset);
    }
    int lo = 0;
    int hi = checkpoints.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (checkpoints.get(mid).uncompressedOffset() <= uncompressedOffset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return checkpoints.get(lo);
  }

  /** Writes the binary form: magic, version, sizes, then each checkpoint with its window deflated. */
  public void writeTo(OutputStream target) throws IOException {
    DataOutputStream out = new DataOutputStream(target);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeLong(compressedSize);
    out.writeLong(uncompressedSize);
    out.writeInt(members);
    out.writeInt(checkpoints.size());
    for (GzipCheckpoint cp : checkpoints) {
      out.writeLong(cp.compressedOffset());
      out.writeByte(cp.bitOffset());
      out.writeLong(cp.uncompressedOffset());
      out.writeInt(cp.windowLength());
      byte[] packed = cp.deflatedWindowUnsafe();
      out.writeInt(packed.length);
      out.write(packed);
    }
    out.flush();
  }

  /** Reads what {@link #writeTo} wrote; a clear IOException if it is not a gzip index. */
  public static GzipIndex readFrom(InputStream source) throws IOException {
    DataInputStream in = new DataInputStream(source);
    try {
      if (in.readInt() != MAGIC) {
        throw new IOException("not a Quarry gzip index (bad magic number)");
      }
      int version = in.readInt();
      if (version != VERSION) {
        throw new IOException("unsupported gzip index version " + version + " (this reader knows "
            + VERSION + ")");
      }
      long compressedSize = in.readLong();
      long uncompressedSize = in.readLong();
      int members = in.readInt();
      int count = in.readInt();
      if (count < 0) {
        throw new IOException("corrupt gzip index: negative checkpoint count");
      }
      List<GzipCheckpoint> checkpoints = new ArrayList<>(Math.min(count, 1 << 16));
      for (int i = 0; i < count; i++) {
        long compressedOffset = in.readLong();
        int bitOffset = in.readUnsignedByte();
        long uncompressedOffset = in.readLong();
        int windowLength = in.readInt();
        int packedLength = in.readInt();
        if (windowLength < 0 || windowLength > GzipCheckpoint.MAX_WINDOW || packedLength < 0
            || packedLength > 2 * GzipCheckpoint.MAX_WINDOW) {
          throw new IOException("corrupt gzip index: bad window length in checkpoint " + i);
        }
        byte[] packed = in.readNBytes(packedLength);
        if (packed.length < packedLength) {
          throw new EOFException();
        }
        checkpoints.add(
            new GzipCheckpoint(compressedOffset, bitOffset, uncompressedOffset, windowLength, packed));
      }
      return new GzipIndex(compressedSize, uncompressedSize, members, checkpoints);
    } catch (EOFException e) {
      throw new IOException("corrupt gzip index: ends early", e);
    } catch (IllegalArgumentException e) {
      throw new IOException("corrupt gzip index: " + e.getMessage(), e);
    }
  }
}
