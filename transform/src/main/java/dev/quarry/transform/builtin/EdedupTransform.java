package dev.quarry.transform.builtin;

import dev.quarry.core.formats.RecordReader;
import dev.quarry.core.formats.parquet.ParquetTable;
import dev.quarry.core.storage.InputFile;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exact deduplication: a document is kept only if no other document with the same normalised text
 * (lower case, letters and digits only; see {@link Texts#normalize}) was kept before it, in any
 * file on any worker. The SHA-256 digests of kept documents live in one set that every worker of
 * the job claims from; the first claim wins, so within a file the first occurrence survives, and
 * across files processed at the same time the survivor depends on timing, as in the anchor.
 *
 * <p>When resuming from a checkpoint, the set is first filled from the outputs already written, so
 * a document kept before the interruption is not kept a second time.
 */
public final class EdedupTransform implements TransformSpec {

  /** The global set of digests, 128 bits of SHA-256 each (collisions are out of reach). */
  static final class Claims implements Serializable {
    private final Set<Key> keys = ConcurrentHashMap.newKeySet();

    boolean claim(byte[] digest) {
      ByteBuffer b = ByteBuffer.wrap(digest);
      return keys.add(new Key(b.getLong(), b.getLong()));
    }

    int size() {
      return keys.size();
    }
  }

  record Key(long high, long low) implements Serializable {}

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
    Claims claims = new Claims();
    String docColumn = context.params().string("doc_column");
    MessageDigest digest = Texts.sha256();
    for (InputFile done : context.doneOutputs()) {
      ParquetTable t = ParquetTable.open(done);
      int doc = t.schema().indexOf(docColumn);
      if (doc < 0) {
        continue;
      }
      try (RecordReader r = t.open()) {
        for (Object[] row = r.next(); row != null; row = r.next()) {
          if (row[doc] instanceof String s) {
            claims.claim(digest.digest(Texts.normalize(s).getBytes(StandardCharsets.UTF_8)));
          }
        }
      }
    }
    return claims;
  }

  @Override
  public TableTransform create(Params params, Serializable shared) {
    String docColumn = params.string("doc_column");
    Claims claims = (Claims) shared;
    MessageDigest digest = Texts.sha256();
    return (batch, file) -> {
      int doc = batch.require(docColumn);
      List<Object[]> kept = new ArrayList<>(batch.size());
      for (Object[] row : batch.rows()) {
        String text = Texts.text(row[doc], docColumn);
        String normalized = text == null ? "" : Texts.normalize(text);
        if (claims.claim(digest.digest(normalized.getBytes(StandardCharsets.UTF_8)))) {
          kept.add(row);
        }
      }
      return TransformResult.of(batch.withRows(kept),
          Map.of("removed_docs", (long) (batch.size() - kept.size())));
    };
  }

  @Override
  public Map<String, Object> statistics(Serializable shared) {
    return Map.of("unique_docs", (long) ((Claims) shared).size());
  }
}
