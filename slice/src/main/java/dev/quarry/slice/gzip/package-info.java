/**
 * Random access into gzip objects: {@link dev.quarry.slice.gzip.GzipIndexer} decompresses an object
 * once (feeding the bytes to an {@link dev.quarry.slice.gzip.UncompressedSink}) and records {@link
 * dev.quarry.slice.gzip.GzipCheckpoint}s — a deflate block start, to the bit, with the 32 KiB window
 * before it — about every span of output; {@link dev.quarry.slice.gzip.GzipCheckpointStream} resumes
 * decompression at a checkpoint with range reads, so a slice of a 200 GB gzip FASTQ reads only its
 * part of the object.
 *
 * <p>The JDK's {@code Inflater} (zlib without Z_BLOCK or inflatePrime) can neither report block
 * boundaries nor start mid-byte, so this package has its own inflater ({@code GzipDecoder}), used for
 * both indexing and resuming. It checks what gzip checks: header fields and header CRC, every
 * member's CRC-32 and length, trailing zero padding only; errors are {@link
 * dev.quarry.slice.gzip.GzipFormatException}s naming the object and the compressed byte offset.
 */
package dev.quarry.slice.gzip;
