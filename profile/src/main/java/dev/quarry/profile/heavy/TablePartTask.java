package dev.quarry.profile.heavy;

import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.formats.Format;
import dev.quarry.core.formats.Formats;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.SplittableTable;
import dev.quarry.core.formats.Table;
import dev.quarry.core.formats.TableSet;
import dev.quarry.core.formats.UnreadableInputException;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.profile.stats.TableStats;
import java.io.IOException;
import java.util.List;

/**
 * Reads one file, or one part of a big file (a byte range of a CSV/JSONL file, a run of Parquet row
 * groups), and returns the statistics of every table in it. Parts of one table merge later.
 */
final class TablePartTask implements Task<HeavyFindings> {

  private static final long serialVersionUID = 1L;
  private static final int CANCEL_CHECK_EVERY = 4096;

  private final FileIO io;
  private final SourceFile source;
  private final Format format;
  private final Part part;

  /** Which part of the file: all of it, a byte range, or a run of row groups. */
  record Part(long start, long end, int firstRowGroup, int rowGroups) implements java.io.Serializable {
    static final Part WHOLE = new Part(0, -1, 0, -1);

    static Part bytes(long start, long end) {
      return new Part(start, end, 0, -1);
    }

    static Part rowGroups(int first, int count) {
      return new Part(0, -1, first, count);
    }

    boolean isByteRange() {
      return end >= 0;
    }

    boolean isRowGroups() {
      return rowGroups >= 0;
    }
  }

  TablePartTask(FileIO io, SourceFile source, Part part) {
    this.io = io;
    this.source = source;
    this.format = source.format();
    this.part = part;
  }

  @Override
  public HeavyFindings run(TaskContext context) throws IOException {
    HeavyFindings out = new HeavyFindings();
    InputFile file = source.open(io);
    boolean infer = Formats.typesFromText(format);
    try {
      if (part.isByteRange()) {
        SplittableTable table = Formats.splittable(file, format)
            .orElseThrow(() -> new IllegalStateException(format + " cannot be split"));
        try (RecordReader reader = table.open(part.start(), part.end())) {
          out.tables.put(key(null), read(reader, infer, context));
        }
      } else if (part.isRowGroups()) {
        ParquetTable table = ParquetTable.open(file);
        try (RecordReader reader = table.open(part.firstRowGroup(), part.rowGroups())) {
          out.tables.put(key(null), read(reader, infer, context));
        }
      } else {
        try (TableSet set = Formats.openTables(file, format)) {
          List<Table> tables = set.tables();
          boolean single = tables.size() == 1 && !Formats.alwaysNamesTables(format);
          for (Table t : tables) {
            try (RecordReader reader = t.open()) {
              out.tables.put(key(single ? null : t.name(), t), read(reader, infer, context));
            }
          }
        }
      }
    } catch (UnreadableInputException e) {
      // The file's content is the problem, not the worker: a retry would fail the same way.
      out.warnings.add(e.getMessage()); // names the file already
    }
    return out;
  }

  private TableKey key(String table) {
    return new TableKey(source.fileId(), table, format, format == Format.JSONL ? "$" : null);
  }

  private TableKey key(String tableName, Table t) {
    String jsonPath = null;
    if (format == Format.JSON) {
      jsonPath = Formats.jsonRecordsPath(t);
    } else if (format == Format.JSONL) {
      jsonPath = "$";
    }
    return new TableKey(source.fileId(), tableName, format, jsonPath);
  }

  static TableStats read(RecordReader reader, boolean infer, TaskContext context)
      throws IOException {
    TableStats stats = new TableStats(infer);
    Object[] row;
    long n = 0;
    while ((row = reader.next()) != null) {
      Schema schema = reader.schema();
      stats.add(schema, row);
      if (++n % CANCEL_CHECK_EVERY == 0 && context.isCancelled()) {
        break;
      }
    }
    stats.declare(reader.schema()); // an empty table still has its columns
    return stats;
  }

  @Override
  public String describe() {
    String what = source.describe();
    if (part.isByteRange()) {
      return what + " bytes " + part.start() + "-" + part.end();
    }
    if (part.isRowGroups()) {
      return what + " row groups " + part.firstRowGroup() + "+" + part.rowGroups();
    }
    return what;
  }
}
