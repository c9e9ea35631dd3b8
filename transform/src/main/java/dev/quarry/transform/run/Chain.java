package dev.quarry.transform.run;

import dev.quarry.transform.spi.Batch;
import dev.quarry.transform.spi.TableTransform;
import dev.quarry.transform.spi.TransformResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Transforms run one after the other in memory: each batch a transform emits goes straight to the
 * next one, with no intermediate files. A flush flushes the first transform, passes what it emits
 * through the rest, then flushes the second, and so on.
 */
final class Chain {

  private final List<TableTransform> transforms;
  private final Consumer<Map<String, Object>> metadata;

  Chain(List<TableTransform> transforms, Consumer<Map<String, Object>> metadata) {
    this.transforms = transforms; // filled by the caller before the first batch
    this.metadata = metadata;
  }

  List<Batch> push(Batch batch, String file) throws Exception {
    return through(0, List.of(batch), file);
  }

  List<Batch> flush(String lastFile) throws Exception {
    List<Batch> out = new ArrayList<>();
    for (int i = 0; i < transforms.size(); i++) {
      TransformResult r = transforms.get(i).flush();
      metadata.accept(r.metadata());
      out.addAll(through(i + 1, r.batches(), lastFile));
    }
    return out;
  }

  private List<Batch> through(int from, List<Batch> batches, String file) throws Exception {
    List<Batch> current = batches;
    for (int i = from; i < transforms.size() && !current.isEmpty(); i++) {
      List<Batch> next = new ArrayList<>();
      for (Batch b : current) {
        TransformResult r = transforms.get(i).transform(b, file);
        metadata.accept(r.metadata());
        next.addAll(r.batches());
      }
      current = next;
    }
    return current;
  }
}
