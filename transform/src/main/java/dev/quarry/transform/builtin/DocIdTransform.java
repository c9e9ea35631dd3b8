package dev.quarry.transform.builtin;

import dev.quarry.core.formats.Column;
import dev.quarry.core.formats.ValueType;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.transform.spi.Batch;
import dev.quarry.transform.spi.Param;
import dev.quarry.transform.spi.ParamType;
import dev.quarry.transform.spi.Params;
import dev.quarry.transform.spi.PrepareContext;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import dev.quarry.transform.spi.TransformSpec;
import java.io.Serializable;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds a SHA-256 hash of each document and/or consecutive integer ids. Integer ids are unique
 * across workers and the same on every run: before the workers start, each input file gets an
 * offset (start id plus the rows of the files before it, from the Parquet footers), and a file's
 * rows are numbered from its offset. Rows dropped by an earlier transform of a chain leave gaps.
 */
public final class DocIdTransform implements TransformSpec {

  @Override
  public String name() {
    return "doc_id";
  }

  @Override
  public String description() {
    return "adds a document hash column and/or a consecutive integer id column";
  }

  @Override
  public List<Param> params() {
    return List.of(
        Param.of("doc_column", ParamType.STRING, "contents", "column holding the document text"),
        Param.optional("hash_column", ParamType.STRING, "name of the SHA-256 hash column to add"),
        Param.optional("int_column", ParamType.STRING, "name of the integer id column to add"),
        Param.of("start_id", ParamType.INT, 0L, "first integer id")
            .withCheck(v -> ((Number) v).longValue() < 0 ? "must not be negative" : null));
  }

  @Override
  public void validate(Params params) {
    if (!params.has("hash_column") && !params.has("int_column")) {
      throw new IllegalArgumentException("hash_column: give hash_column, int_column or both");
    }
  }

  /** File (relative path) → its first id. */
  @Override
  public Serializable prepare(PrepareContext context) throws Exception {
    if (!context.params().has("int_column")) {
      return null;
    }
    HashMap<String, Long> offsets = new HashMap<>();
    long next = context.params().integer("start_id");
    for (PrepareContext.Source s : context.inputs()) {
      offsets.put(s.relPath(), next);
      next += ParquetTable.open(s.file()).rowCount();
    }
    return offsets;
  }

  @Override
  @SuppressWarnings("unchecked")
  public TableTransform create(Params params, Serializable shared) {
    String docColumn = params.string("doc_column");
    String hashColumn = params.string("hash_column");
    String intColumn = params.string("int_column");
    Map<String, Long> offsets = (Map<String, Long>) shared;
    MessageDigest digest = Texts.sha256();
    Map<String, Long> seen = new HashMap<>(); // rows numbered so far per file
    return (batch, file) -> {
      Batch out = batch;
      if (hashColumn != null) {
        int doc = batch.require(docColumn);
        List<String> hashes = new ArrayList<>(batch.size());
        for (Object[] row : batch.rows()) {
          String text = Texts.text(row[doc], docColumn);
          hashes.add(text == null ? null : Texts.sha256Hex(digest, text));
        }
        out = out.withColumn(Column.of(hashColumn, ValueType.STRING), hashes);
      }
      if (intColumn != null) {
        Long offset = offsets.get(file);
        if (offset == null) {
          throw new IllegalStateException("no id offset for " + file);
        }
        long first = offset + seen.getOrDefault(file, 0L);
        List<Long> ids = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
          ids.add(first + i);
        }
        seen.merge(file, (long) batch.size(), Long::sum);
        out = out.withColumn(Column.of(intColumn, ValueType.INTEGER), ids);
      }
      return TransformResult.of(out);
    };
  }
}
