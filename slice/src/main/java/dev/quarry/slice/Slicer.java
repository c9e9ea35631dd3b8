package dev.quarry.slice;

import dev.quarry.core.engine.Cancellation;
import dev.quarry.core.engine.Engine;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * The library entry point: preprocess an object once, then cut it into slices as often as wanted.
 *
 * <pre>{@code
 * Slicer slicer = new Slicer(io, engine);
 * slicer.preprocess(object, "fastq.gz", PreprocessOptions.defaults());
 * List<Slice> slices = slicer.partition(object, "fastq.gz", null, PartitionStrategy.slices(64));
 * try (RecordStream records = slices.get(3).open(io)) { ... }
 * }</pre>
 *
 * Metadata goes to a separate location (by default {@code <object>.quarry-slice/}); the object is
 * only read.
 */
public final class Slicer {

  static final String INDEX = "index.json";
  static final String ANCHORS = "anchors";
  static final String PROBE = "preprocessing";

  private final FileIO io;
  private final Engine engine;

  public Slicer(FileIO io, Engine engine) {
    this.io = io;
    this.engine = engine;
  }

  /** A slicer that only cuts and loads (no engine, so no preprocessing). */
  public Slicer(FileIO io) {
    this(io, null);
  }

  /** What preprocess did: the index, where it is, and whether an existing current one was reused. */
  public record Preprocessed(SliceIndex index, Location meta, boolean reused) {}

  /**
   * Scans the object and writes its index, unless a current index exists (then it is reused, or
   * redone with {@code force}). A stale index (the object changed) is refused unless {@code force}.
   */
  public Preprocessed preprocess(Location object, String format, PreprocessOptions options)
      throws IOException {
    return preprocess(object, format, options, new Cancellation());
  }

  /**
   * As {@link #preprocess(Location, String, PreprocessOptions)}, stopping early (with a {@link
   * java.util.concurrent.CancellationException}, nothing written) once {@code cancellation} is set.
   */
  public Preprocessed preprocess(
      Location object, String format, PreprocessOptions options, Cancellation cancellation)
      throws IOException {
    if (engine == null) {
      throw new IllegalStateException("this Slicer has no engine to preprocess with");
    }
    SliceFormat sliceFormat = SliceFormats.get(format);
    InputFile file = io.newInputFile(object);
    MetaStore meta = store(object, sliceFormat, options.meta());
    if (!options.force() && meta.exists(INDEX)) {
      SliceIndex existing = readIndex(meta);
      checkCurrent(existing, file.status(), meta);
      return new Preprocessed(existing, meta.folder(), true);
    }
    // a forced redo first removes the old index: readers never pair it with new side files
    meta.delete(INDEX);
    probeWritable(meta, file);
    PreparedObject prepared = null;
    try {
      prepared = sliceFormat.preprocess(new PreprocessJob(io, file, engine, options, meta, cancellation));
    } finally {
      deleteQuietly(meta, PROBE);
      if (prepared == null) {
        removeIfEmpty(meta.folder());
      }
    }
    if (cancellation.isCancelled()) {
      throw new java.util.concurrent.CancellationException("preprocessing " + object + " was cancelled");
    }
    FileStatus after = io.stat(file.location());
    if (!after.version().equals(file.status().version())) {
      throw new StaleIndexException(
          file.location() + " changed while it was being preprocessed; nothing was written");
    }
    SliceIndex index = prepared.index();
    meta.write(ANCHORS, prepared.anchors()::writeTo);
    // the index is written last: its presence means the side files are complete
    meta.write(INDEX, out -> SliceJson.mapper().writeValue(out, index));
    return new Preprocessed(index, meta.folder(), false);
  }

  /**
   * Fails before the scan, not after it, when the metadata location cannot be written (a
   * read-only bucket beside the object, say).
   */
  private static void probeWritable(MetaStore meta, InputFile file) throws IOException {
    try {
      meta.write(PROBE, out -> out.write(
          ("preprocessing " + file.location() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new SliceException(
          "cannot write the slice index to " + meta.folder() + " (" + e.getMessage()
              + "): give a writable metadata location (--meta)", e);
    }
  }

  /** A local metadata folder made for an index that was not written goes too. */
  private static void removeIfEmpty(Location folder) {
    if (!folder.isLocal()) {
      return; // object stores have no folders
    }
    try (java.util.stream.Stream<java.nio.file.Path> entries = java.nio.file.Files.list(folder.toPath())) {
      if (entries.findAny().isEmpty()) {
        java.nio.file.Files.delete(folder.toPath());
      }
    } catch (IOException ignored) {
      // not there, or not empty after all: nothing to tidy
    }
  }

  private static void deleteQuietly(MetaStore meta, String suffix) {
    try {
      meta.delete(suffix);
    } catch (IOException ignored) {
      // a leftover probe file is harmless: the next run overwrites it
    }
  }

  /** The object's index and anchors; refused if missing or stale. */
  public PreparedObject load(Location object, String format, Location metaLocation)
      throws IOException {
    SliceFormat sliceFormat = SliceFormats.get(format);
    InputFile file = io.newInputFile(object);
    return load(file, sliceFormat, store(object, sliceFormat, metaLocation));
  }

  private PreparedObject load(InputFile file, SliceFormat format, MetaStore meta) throws IOException {
    if (!meta.exists(INDEX)) {
      throw new MissingIndexException(
          "no " + format.name() + " slice index for " + file.location() + " in " + meta.folder()
              + ": preprocess it first");
    }
    SliceIndex index = readIndex(meta);
    checkCurrent(index, file.status(), meta);
    Anchors anchors;
    try (InputStream in = meta.open(ANCHORS)) {
      anchors = Anchors.readFrom(in);
    }
    return new PreparedObject(index, anchors);
  }

  /** Cuts the preprocessed object into slices. */
  public List<Slice> partition(
      Location object, String format, Location metaLocation, PartitionStrategy strategy)
      throws IOException {
    SliceFormat sliceFormat = SliceFormats.get(format);
    InputFile file = io.newInputFile(object);
    MetaStore meta = store(object, sliceFormat, metaLocation);
    PreparedObject prepared = load(file, sliceFormat, meta);
    return sliceFormat.partition(prepared, strategy, new PartitionJob(io, file, meta));
  }

  private MetaStore store(Location object, SliceFormat format, Location metaLocation) {
    Location folder = metaLocation != null ? metaLocation : MetaStore.besides(object);
    return new MetaStore(io, folder, format.name());
  }

  private static SliceIndex readIndex(MetaStore meta) throws IOException {
    try (InputStream in = meta.open(INDEX)) {
      return SliceJson.readIndex(in, meta.location(INDEX).toString());
    }
  }

  private static void checkCurrent(SliceIndex index, FileStatus status, MetaStore meta)
      throws StaleIndexException {
    if (index.formatVersion() != SliceIndex.FORMAT_VERSION) {
      throw new StaleIndexException(
          "the slice index in " + meta.folder() + " has layout version " + index.formatVersion()
              + ", this Quarry reads " + SliceIndex.FORMAT_VERSION + ": preprocess again with force");
    }
    if (!index.objectVersion().equals(status.version()) || index.objectSize() != status.size()) {
      throw new StaleIndexException(
          "the slice index in " + meta.folder() + " is stale: it was made for " + status.location()
              + " version " + index.objectVersion() + " (" + index.objectSize() + " bytes), which is now "
              + status.version() + " (" + status.size() + " bytes); preprocess again with force");
    }
  }
}
