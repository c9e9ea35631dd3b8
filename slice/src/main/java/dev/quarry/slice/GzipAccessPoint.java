package dev.quarry.slice;

import java.io.Serializable;

/**
 * Where decompression of a gzip object can start mid-file: the compressed position (byte and bit),
 * the uncompressed offset it corresponds to, and the last 32 KiB of output before it (the deflate
 * window). Carried by gzip slices so a worker starts inflating there without the index.
 *
 * @param member true when the point is at the start of a gzip member (no window needed)
 */
public record GzipAccessPoint(
    long compressedOffset, int bitOffset, long uncompressedOffset, boolean member, byte[] window)
    implements Serializable {}
