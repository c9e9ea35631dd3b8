package dev.quarry.transform.builtin;

import dev.quarry.core.engine.Task;
import dev.quarry.core.engine.TaskContext;
import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.InputFile;
import dev.quarry.core.storage.Location;
import dev.quarry.transform.spi.CrossFileKeys;
import dev.quarry.transform.spi.CrossFileKeys.FileKeys;
import dev.quarry.transform.spi.CrossFileKeys.Key;
import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.ParamType;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.PrepareContext;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import dev.quarry.transform.spi.TransformSpec;
import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Exact deduplication: a document is kept only if no document with the same normalised text (lower
 * case, letters and digits only; see {@link Texts#normalize}) comes before it, in job order (files
 * in order, rows in order within a file). The result is the same on every engine and run.
 *
 * <p>How: a pre-pass on the engine reads each file's distinct SHA-256 digests, and {@link
 * CrossFileKeys} finds those held by more than one file with the first such file (on Spark by a
 * shuffle, so no machine holds every digest). Workers then need only that map: a row survives if
 * it is the first of its digest in its file and its file is the digest's first file. When resuming
 * from a checkpoint, outputs already written take part as the earliest files, so a document kept
 * before the interruption is not kept a second time.
 *
 * <p>The pre-pass reads the input files themselves: in a pipeline, put {@code ededup} first (a
 * step before it that removed a file's first copy of a document would leave no copy at all).
 */
public final class EdedupTransform implements TransformSpec {

  /** Cross-file digests with their first file, and each input's position in job order. */
  record Winners(Map<Key, Integer> firstFile, Map<String, Integer> fileIndex) implements Serializable {}

  @Override
  public String name() {
    return "ededup";
  }

  @Override
  public String description() {
    return "removes exact duplicate documents across all files";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.of("doc_column", ParamType.STRING, "contents", "column holding the document text"),
        Param.of("doc_id_column", ParamType.STRING, "document_id", "column identifying documents (for reports)"));
  }

  @Override
  public Serializable prepare(PrepareContext context) throws IOException {
    String docColumn = context.params().string("doc_column");
    List<DigestFile> tasks = new ArrayList<>();
    // Outputs of a previous run come first (negative positions): their documents were kept.
    List<InputFile> done = context.doneOutputs();
    for (int i = 0; i < done.size(); i++) {
      tasks.add(new DigestFile(i - done.size(), done.get(i).location(), context.io(), docColumn, true));
    }
    Map<String, Integer> fileIndex = new HashMap<>();
    List<PrepareContext.Source> inputs = context.inputs();
    for (int i = 0; i < inputs.size(); i++) {
      fileIndex.put(inputs.get(i).relPath(), i);
    }
    for (PrepareContext.Source s : context.todo()) {
      tasks.add(new DigestFile(fileIndex.get(s.relPath()), s.file().location(), context.io(), docColumn, false));
    }
    Map<Key, Integer> firstFile =
        CrossFileKeys.forEngine(context.engine()).find(context.engine(), tasks);
    return new Winners(new HashMap<>(firstFile), fileIndex);
  }

  @Override
  public TableTransform create(Params params, Serializable shared) {
    String docColumn = params.string("doc_column");
    Winners winners = (Winners) shared;
    MessageDigest digest = Texts.sha256();
    Set<Key> seenInFile = new HashSet<>();
    String[] currentFile = {null};
    return (batch, file) -> {
      if (!file.equals(currentFile[0])) {
        currentFile[0] = file;
        seenInFile.clear();
      }
      Integer self = winners.fileIndex().get(file);
      int doc = batch.require(docColumn);
      List<Object[]> kept = new ArrayList<>(batch.size());
      for (Object[] row : batch.rows()) {
        Key key = key(digest, Texts.text(row[doc], docColumn));
        Integer first = winners.firstFile().get(key);
        if (seenInFile.add(key) && (first == null || first.equals(self))) {
          kept.add(row);
        }
      }
      return TransformResult.of(batch.withRows(kept),
          Map.of("removed_docs", (long) (batch.size() - kept.size())));
    };
  }

  @Override
  public Map<String, Object> statistics(Serializable shared) {
    return Map.of("cross_file_duplicate_digests", (long) ((Winners) shared).firstFile().size());
  }

  static Key key(MessageDigest digest, String text) {
    String normalized = text == null ? "" : Texts.normalize(text);
    ByteBuffer b = ByteBuffer.wrap(digest.digest(normalized.getBytes(StandardCharsets.UTF_8)));
    return new Key(b.getLong(), b.getLong());
  }

  /** The distinct digests of one file's documents. */
  private record DigestFile(int position, Location file, FileIO io, String docColumn, boolean output)
      implements Task<FileKeys> {
    @Override
    public FileKeys run(TaskContext context) throws IOException {
      Set<Key> keys = new HashSet<>();
      try {
        ParquetTable t = ParquetTable.open(io.newInputFile(file));
        int doc = t.schema().indexOf(docColumn);
        if (doc >= 0) {
          MessageDigest digest = Texts.sha256();
          try (RecordReader r = t.open()) {
            for (Object[] row = r.next(); row != null; row = r.next()) {
              if (!output || row[doc] instanceof String) {
                keys.add(key(digest, Texts.text(row[doc], docColumn)));
              }
            }
          }
        }
      } catch (IllegalArgumentException | dev.quarry.core.formats.UnreadableInputException e) {
        // The file's own task meets the same problem and fails that file alone, with this
        // message; its keys take no part, as the file will have no output.
        keys.clear();
      }
      long[] high = new long[keys.size()];
      long[] low = new long[keys.size()];
      int i = 0;
      for (Key k : keys) {
        high[i] = k.high();
        low[i++] = k.low();
      }
      return new FileKeys(position, high, low);
    }

    @Override
    public String describe() {
      return file.toString();
    }
  }
}
