package dev.quarry.profile.heavy;

import dev.quarry.core.engine.Engine;
import dev.quarry.core.engine.Task;
import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.Formats;
import dev.quarry.core.formats.csv.CsvDialect;
import dev.quarry.core.formats.csv.CsvSniffer;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import dev.quarry.profile.light.LightProfiler.ProfiledFile;
import dev.quarry.slice.MetaStore;
import dev.quarry.slice.PartitionStrategy;
import dev.quarry.slice.PreprocessOptions;
import dev.quarry.slice.Slice;
import dev.quarry.slice.SliceException;
import dev.quarry.slice.Slicer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Plans a big CSV or JSON Lines object, plain or gzip-compressed, as one task per slice: exact
 * record boundaries from the slice index instead of guessed ones, and parallel reads of gzip
 * objects, which otherwise are read whole by one worker.
 */
final class SlicePlanner {

  private SlicePlanner() {}

  /** Adds the tasks and returns true if the file is read through slices. */
  static boolean plan(
      FileIO io, Engine engine, HeavyProfiler.Options options, ProfiledFile f,
      List<Task<HeavyFindings>> tasks)
      throws IOException {
    Format format = f.format();
    if (format != Format.CSV && format != Format.JSONL) {
      return false;
    }
    Location object = Location.parse(f.location());
    boolean gzip = f.memberPath() != null;
    if (gzip && !isGzipOfOneFile(object)) {
      return false; // zip and tar members are not sliced
    }
    if (object.isHttp() && options.sliceMeta() == null) {
      return false;
    }
    InputFile file = io.newInputFile(object);
    if (file.length() <= options.splitThresholdBytes()) {
      return false;
    }
    CsvDialect dialect = null;
    if (format == Format.CSV) {
      dialect = CsvSniffer.sniff(gzip ? Formats.archiveMember(file, f.memberPath()) : file);
      if (!sliceable(dialect)) {
        return false; // the slice format reads RFC 4180 with a header line only
      }
    }
    String sliceFormat = (format == Format.CSV ? "csv" : "jsonl") + (gzip ? ".gz" : "");
    Location meta =
        options.sliceMeta() != null
            ? Location.parse(options.sliceMeta()).resolve(digest(object.uri()))
            : MetaStore.besides(object);
    Slicer slicer = new Slicer(io, engine);
    List<Slice> slices;
    try {
      if (options.sliceMeta() != null) {
        // the profiler owns this folder: a stale index there is simply redone
        try {
          slicer.preprocess(object, sliceFormat, PreprocessOptions.defaults().withMeta(meta));
        } catch (dev.quarry.slice.StaleIndexException stale) {
          slicer.preprocess(
              object, sliceFormat, PreprocessOptions.defaults().withMeta(meta).withForce(true));
        }
      } else if (!io.exists(meta.resolve(sliceFormat + ".index.json"))) {
        return false;
      }
      slices = slicer.partition(object, sliceFormat, meta, PartitionStrategy.bytes(
          Math.max(options.splitBytes(), 64 << 10)));
    } catch (SliceException malformed) {
      return false; // the ordinary reader reports what is wrong with the file
    }
    SourceFile source = new SourceFile(f.id(), f.location(), f.memberPath(), format);
    for (Slice slice : slices) {
      tasks.add(new SliceTask(io, source, slice, dialect == null ? null : SliceTask.Dialect.of(dialect)));
    }
    return true;
  }

  private static boolean isGzipOfOneFile(Location object) {
    String name = object.name().toLowerCase(Locale.ROOT);
    return name.endsWith(".gz") && !name.endsWith(".tar.gz");
  }

  private static boolean sliceable(CsvDialect d) {
    return d.delimiter() == ',' && d.quote() == '"' && d.header() && d.skipLines() == 0
        && d.comment() == null
        && (d.charset().equals(StandardCharsets.UTF_8) || d.charset().equals(StandardCharsets.ISO_8859_1)
            || d.charset().equals(StandardCharsets.US_ASCII) || d.charset().name().equals("windows-1252"));
  }

  private static String digest(String text) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
