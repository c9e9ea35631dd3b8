package dev.quarry.transform.run;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.Schema;
import dev.quarry.core.formats.parquet.ParquetTableWriter;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.OutputFile.AtomicOutputStream;
import dev.quarry.transform.spi.Batch;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.schema.MessageType;

/**
 * Writes what the chain emits for one unit of work, each output atomically, at the path of its input
 * relative to the output folder.
 *
 * <p>Streaming mode (every transform but resize): all batches of an input file go to one output
 * file of the same relative path, written as they come; a file with no rows left writes nothing.
 *
 * <p>Table mode (a transform that spans files): each batch is one output table, named by the
 * anchor's rules: if a file yields one table it is {@code name.parquet}, several are
 * {@code name_0.parquet}, {@code name_1.parquet}, ...; tables flushed later continue that file's
 * numbering ({@code name_<next>}; {@code name_0} after a lone {@code name}).
 */
final class OutputSink {

  private final FileIO io;
  private final Location outputRoot;
  private final boolean tables;
  private final UnitStats stats;
  private final List<String> written = new ArrayList<>();

  // streaming mode
  private AtomicOutputStream stream;
  private ParquetTableWriter writer;
  private Schema streamSchema;

  // current file
  private String relPath;
  private MessageType template;

  // table mode naming
  private Batch pendingFirst; // the file's first table, until we know whether it is alone
  private int tablesThisFile;
  private Integer nextIndex; // the anchor's last_file_name_next_index

  OutputSink(FileIO io, Location outputRoot, boolean tables, UnitStats stats) {
    this.io = io;
    this.outputRoot = outputRoot;
    this.tables = tables;
    this.stats = stats;
  }

  void startFile(String rel, MessageType fileTemplate) throws IOException {
    if (tables && relPath != null) {
      endTablesOfFile();
    }
    relPath = rel;
    template = fileTemplate;
    tablesThisFile = 0;
    nextIndex = null;
  }

  void accept(List<Batch> batches) throws IOException {
    for (Batch b : batches) {
      if (tables) {
        acceptTable(b);
      } else {
        acceptStreamed(b);
      }
    }
  }

  /** Ends the current file in streaming mode: publishes its output. */
  void endFile() throws IOException {
    if (!tables && writer != null) {
      writer.close();
      long size = writer.bytesWritten();
      stream.close(); // publishes atomically
      stats.resultFiles++;
      stats.resultSize += size;
      stats.resultRows += writer.rowCount();
      written.add(relPath);
      writer = null;
      stream = null;
      streamSchema = null;
    }
  }

  /** Ends the unit: names and writes the last pending table. */
  void finish() throws IOException {
    if (tables && relPath != null) {
      endTablesOfFile();
    }
  }

  /** Discards whatever is half-written. */
  void abort() {
    if (stream != null) {
      try {
        stream.abort();
      } catch (IOException ignored) {
        // nothing was published; a leftover temporary file is removed by the next run
      }
    }
  }

  List<String> written() {
    return written;
  }

  private void acceptStreamed(Batch b) throws IOException {
    if (b.isEmpty()) {
      return;
    }
    if (writer == null) {
      stream = io.newOutputFile(outputRoot.resolve(relPath)).create();
      writer = ParquetTableWriter.open(stream, b.schema(), template);
      streamSchema = b.schema();
    } else if (!sameColumns(streamSchema, b.schema())) {
      throw new IllegalStateException(
          "the transforms changed the columns between batches of " + relPath + ": "
              + names(streamSchema) + " then " + names(b.schema()));
    }
    for (Object[] row : b.rows()) {
      writer.write(row);
    }
  }

  private static boolean sameColumns(Schema a, Schema b) {
    return names(a).equals(names(b));
  }

  private static List<String> names(Schema s) {
    return s.columns().stream().map(Column::name).toList();
  }

  private void acceptTable(Batch b) throws IOException {
    if (b.isEmpty()) {
      return;
    }
    tablesThisFile++;
    if (tablesThisFile == 1) {
      pendingFirst = b;
      return;
    }
    int start = nextIndex == null ? 0 : nextIndex;
    if (pendingFirst != null) {
      writeTable(pendingFirst, indexed(start));
      pendingFirst = null;
    }
    writeTable(b, indexed(start + tablesThisFile - 1));
  }

  private void endTablesOfFile() throws IOException {
    if (pendingFirst != null) {
      // exactly one table from this file (or from this flush)
      writeTable(pendingFirst, nextIndex == null ? relPath : indexed(nextIndex));
      nextIndex = nextIndex == null ? 0 : nextIndex + 1;
      pendingFirst = null;
    } else if (tablesThisFile > 1) {
      nextIndex = (nextIndex == null ? 0 : nextIndex) + tablesThisFile;
    }
    tablesThisFile = 0;
  }

  /** Starts a new naming round for tables emitted by a flush, named after the last file. */
  void startFlush() throws IOException {
    if (tables && relPath != null) {
      endTablesOfFile();
    }
  }

  private String indexed(int index) {
    int dot = relPath.lastIndexOf('.');
    int slash = relPath.lastIndexOf('/');
    if (dot <= slash) {
      return relPath + "_" + index;
    }
    return relPath.substring(0, dot) + "_" + index + relPath.substring(dot);
  }

  private void writeTable(Batch table, String rel) throws IOException {
    long[] size = new long[1];
    io.newOutputFile(outputRoot.resolve(rel)).write(out -> {
      try (ParquetTableWriter w = ParquetTableWriter.open(out, table.schema(), template)) {
        for (Object[] row : table.rows()) {
          w.write(row);
        }
        w.close();
        size[0] = w.bytesWritten();
      }
    });
    stats.resultFiles++;
    stats.resultSize += size[0];
    stats.resultRows += table.size();
    written.add(rel);
  }
}
