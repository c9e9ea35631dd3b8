package dev.quarry.transform.spi;

/**
 * Transforms the batches of tables, one batch at a time. One instance serves one worker for one
 * unit of work (a file, or a folder for transforms that {@linkplain TransformSpec#spansFiles() span
 * files}), so it may keep state between calls without locking; state shared by all workers comes
 * from {@link TransformSpec#prepare}.
 */
public interface TableTransform extends AutoCloseable {

  /**
   * @param batch records of the file {@code file} (its path relative to the input folder)
   * @throws Exception any failure: the file is reported as failed and the job goes on
   */
  TransformResult transform(Batch batch, String file) throws Exception;

  /** Emits what the transform buffered; called once at the end of the unit of work. */
  default TransformResult flush() throws Exception {
    return TransformResult.none();
  }

  /** Releases what the transform holds (connections, native memory); called once, also after a failure. */
  @Override
  default void close() throws Exception {}
}
