package dev.quarry.slice;

import dev.quarry.core.storage.FileIO;
import java.io.IOException;
import java.util.List;

/**
 * A format objects can be sliced as: one class plus a line in {@code
 * META-INF/services/dev.quarry.slice.SliceFormat}. Gzip variants ({@code <name>.gz}) of the
 * byte-record formats come for free (see {@link SliceFormats}).
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface SliceFormat {

  /** The name users pass ({@code --format}), lower case, e.g. {@code csv}. */
  String name();

  /**
   * Scans the object once (in parallel chunks on the job's engine where the format allows) and
   * returns what it learned. Side files the format needs later (a gzip index) are written through
   * {@link PreprocessJob#writeSideFile}; the index itself is written by the caller.
   */
  PreparedObject preprocess(PreprocessJob job) throws IOException;

  /** Cuts a preprocessed object into slices; may read a little of the object to find boundaries. */
  List<Slice> partition(PreparedObject object, PartitionStrategy strategy, PartitionJob job)
      throws IOException;

  /** Opens a slice of this format, reading only its ranges. */
  RecordStream open(Slice slice, FileIO io) throws IOException;
}
