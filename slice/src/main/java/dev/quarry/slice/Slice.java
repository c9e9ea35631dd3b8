package dev.quarry.slice;

import dev.quarry.core.storage.FileIO;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A part of an object that one worker reads on its own: whole records only, fetched with range
 * requests. Small, immutable, JSON- and Java-serializable (it travels to workers and to
 * {@code slices.json}).
 *
 * @param index position of the slice among the object's slices, from 0
 * @param format the slice format's name (e.g. {@code csv}, {@code fastq.gz}, {@code parquet})
 * @param object the data object's location
 * @param objectVersion the object's {@link dev.quarry.core.storage.FileStatus#version()} when it
 *     was indexed; {@link #open} refuses a changed object
 * @param objectSize the object's size in bytes
 * @param start offset of the slice's first record (in the uncompressed data for gzip objects)
 * @param end offset just past its last record
 * @param firstRecord ordinal of the first record in the object, from 0
 * @param records how many records the slice holds
 * @param ranges the bytes of the object the slice reads (compressed bytes for gzip objects)
 * @param header the object's header (CSV header record, VCF meta and header lines), empty if none
 * @param gzipCheckpoint gzip objects: where to start inflating, in {@link
 *     dev.quarry.slice.gzip.GzipCheckpoint#toCompactString()} form (window deflated); null otherwise
 * @param firstRowGroup Parquet: first row group; -1 otherwise
 * @param rowGroupCount Parquet: row groups in the slice; 0 otherwise
 */
public record Slice(
    int index,
    String format,
    String object,
    String objectVersion,
    long objectSize,
    long start,
    long end,
    long firstRecord,
    long records,
    List<ByteRange> ranges,
    byte[] header,
    String gzipCheckpoint,
    int firstRowGroup,
    int rowGroupCount)
    implements Serializable {

  public Slice {
    ranges = List.copyOf(ranges);
    header = header == null ? new byte[0] : header;
  }

  /**
   * Opens the slice's records, reading only its ranges. Fails with {@link StaleIndexException} if
   * the object changed since it was indexed.
   */
  public RecordStream open(FileIO io) throws IOException {
    return SliceFormats.get(format).open(this, io);
  }

  /**
   * The slice's records as one byte stream, after the object's header if {@code withHeader}: a
   * small well-formed file of the object's format that any reader of that format can parse.
   */
  public InputStream openBytes(FileIO io, boolean withHeader) throws IOException {
    return new RecordBytes(open(io), withHeader ? header : new byte[0]);
  }

  /** Equal when every component is, the header compared by content. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Slice s
        && index == s.index && objectSize == s.objectSize && start == s.start && end == s.end
        && firstRecord == s.firstRecord && records == s.records
        && firstRowGroup == s.firstRowGroup && rowGroupCount == s.rowGroupCount
        && format.equals(s.format) && object.equals(s.object)
        && objectVersion.equals(s.objectVersion) && ranges.equals(s.ranges)
        && Arrays.equals(header, s.header) && Objects.equals(gzipCheckpoint, s.gzipCheckpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(index, object, objectVersion, start, end, firstRecord, records);
  }

  /** Short: the checkpoint's window and the header are not spelled out. */
  @Override
  public String toString() {
    return "Slice[" + index + " of " + object + " (" + format + "), bytes [" + start + ", " + end
        + "), records " + firstRecord + "+" + records + "]";
  }

  /** Bytes of the object this slice fetches. */
  public long bytesToRead() {
    return ranges.stream().mapToLong(ByteRange::length).sum();
  }
}
