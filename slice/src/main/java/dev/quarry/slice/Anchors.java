package dev.quarry.slice;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Sampled record starts: pairs (byte offset, record ordinal), both increasing, the first being
 * (data start, 0). Stored as delta-encoded varints: a few bytes per anchor.
 */
public final class Anchors {

  private static final int MAGIC = 0x51534c41; // "QSLA"

  private final long[] offsets;
  private final long[] ordinals;

  public Anchors(long[] offsets, long[] ordinals) {
    if (offsets.length != ordinals.length) {
      throw new IllegalArgumentException("offsets and ordinals differ in length");
    }
    this.offsets = offsets;
    this.ordinals = ordinals;
  }

  public int size() {
    return offsets.length;
  }

  public long offset(int i) {
    return offsets[i];
  }

  public long ordinal(int i) {
    return ordinals[i];
  }

  /** Index of the last anchor whose offset is at most {@code offset}, or -1. */
  public int atOrBeforeOffset(long offset) {
    int i = Arrays.binarySearch(offsets, offset);
    return i >= 0 ? i : -i - 2;
  }

  /** Index of the last anchor whose ordinal is at most {@code ordinal}, or -1. */
  public int atOrBeforeOrdinal(long ordinal) {
    int i = Arrays.binarySearch(ordinals, ordinal);
    return i >= 0 ? i : -i - 2;
  }

  public void writeTo(OutputStream out) throws IOException {
    DataOutputStream data = new DataOutputStream(out);
    data.writeInt(MAGIC);
    data.writeInt(offsets.length);
    long lastOffset = 0;
    long lastOrdinal = 0;
    for (int i = 0; i < offsets.length; i++) {
      writeVarLong(data, offsets[i] - lastOffset);
      writeVarLong(data, ordinals[i] - lastOrdinal);
      lastOffset = offsets[i];
      lastOrdinal = ordinals[i];
    }
    data.flush();
  }

  public static Anchors readFrom(InputStream in) throws IOException {
    DataInputStream data = new DataInputStream(in);
    if (data.readInt() != MAGIC) {
      throw new IOException("not a Quarry slice anchor file");
    }
    int n = data.readInt();
    long[] offsets = new long[n];
    long[] ordinals = new long[n];
    long offset = 0;
    long ordinal = 0;
    for (int i = 0; i < n; i++) {
      offset += readVarLong(data);
      ordinal += readVarLong(data);
      offsets[i] = offset;
      ordinals[i] = ordinal;
    }
    return new Anchors(offsets, ordinals);
  }

  private static void writeVarLong(DataOutputStream out, long v) throws IOException {
    while ((v & ~0x7FL) != 0) {
      out.writeByte((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.writeByte((int) v);
  }

  private static long readVarLong(DataInputStream in) throws IOException {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("truncated anchor file");
      }
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new IOException("bad varint in anchor file");
  }
}
