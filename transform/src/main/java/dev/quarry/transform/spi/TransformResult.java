package dev.quarry.transform.spi;

import java.util.List;
import java.util.Map;

/**
 * What a transform made of a batch: zero or more batches and counters for the job's statistics
 * (numbers are summed across batches, files and workers; other values are kept as given).
 */
public record TransformResult(List<Batch> batches, Map<String, Object> metadata) {

  public TransformResult {
    batches = List.copyOf(batches);
    metadata = Map.copyOf(metadata);
  }

  public static TransformResult of(Batch batch) {
    return new TransformResult(List.of(batch), Map.of());
  }

  public static TransformResult of(Batch batch, Map<String, Object> metadata) {
    return new TransformResult(List.of(batch), metadata);
  }

  public static TransformResult none() {
    return new TransformResult(List.of(), Map.of());
  }
}
