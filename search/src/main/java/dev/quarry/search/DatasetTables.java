package dev.quarry.search;

import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.Formats;
import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.TableSet;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.formats.detect.FormatDetector;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.FileStatus;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.ListOptions;
import dev.quarry.core.storage.Location;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables of a dataset at a location (one file or a folder of files), read through core's
 * {@link Formats}: what join sketching, augmentation and download read.
 */
public final class DatasetTables {

  private DatasetTables() {}

  /** A table with the path of its file relative to the dataset root. */
  public interface Visitor {
    void table(String file, Table table) throws IOException;
  }

  /** Calls the visitor with every table of every readable file; returns how many files were read. */
  public static int forEach(FileIO io, String location, Visitor visitor) throws IOException {
    Location root = Location.parse(location);
    List<FileStatus> files = new ArrayList<>();
    boolean folder = !root.isHttp() && io.isDirectory(root);
    if (folder) {
      for (FileStatus s : io.list(root, ListOptions.RECURSIVE)) {
        String rel = root.relativize(s.location());
        if (!rel.startsWith(".") && !rel.contains("/.")) {
          files.add(s);
        }
      }
      files.sort((a, b) -> a.location().toString().compareTo(b.location().toString()));
    } else {
      files.add(io.stat(root));
    }
    int read = 0;
    for (FileStatus s : files) {
      InputFile in = io.newInputFile(s.location());
      Format format = FormatDetector.detect(in).format();
      if (format.kind() != Format.Kind.TABLE) {
        if (!folder) {
          throw new UnreadableInputException(location + ": " + format.mediaType()
              + " holds no tables");
        }
        continue;
      }
      String rel = folder ? root.relativize(s.location()) : s.location().name();
      try (TableSet set = Formats.openTables(in, format)) {
        for (Table t : set.tables()) {
          visitor.table(rel, t);
        }
      }
      read++;
    }
    return read;
  }

  /** The first table of a dataset (what augmentation joins when the caller names none). */
  public static <T> T first(FileIO io, String location, TableFunction<T> fn) throws IOException {
    Object[] out = new Object[1];
    try {
      forEach(io, location, (file, table) -> {
        out[0] = fn.apply(file, table);
        throw new Found();
      });
    } catch (Found found) {
      @SuppressWarnings("unchecked")
      T t = (T) out[0];
      return t;
    }
    throw new UnreadableInputException(location + ": holds no table");
  }

  /** Ends a walk once the first table is done, so no further file is opened. */
  private static final class Found extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Found() {
      super(null, null, false, false);
    }
  }

  /** A function of a table. */
  public interface TableFunction<T> {
    T apply(String file, Table table) throws IOException;
  }
}
