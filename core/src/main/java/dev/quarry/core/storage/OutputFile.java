package dev.quarry.core.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A place to write one object atomically: readers see either the old object or the complete new
 * one. Bytes go to a temporary file (local: same folder, then rename; S3: a multipart upload completed
 * on commit).
 */
public interface OutputFile {

  Location location();

  /**
   * A stream whose {@code close()} publishes the object. If writing fails, call
   * {@link AtomicOutputStream#abort()} (or let try-with-resources close it after {@code abort}) and
   * nothing is left behind.
   */
  AtomicOutputStream create() throws IOException;

  /**
   * Writes the object with {@code body} and publishes it only if {@code body} returns normally;
   * if it throws, the write is aborted and the old object (if any) stays. Prefer this to {@link
   * #create()} in try-with-resources, where the implicit close() runs before any catch block and
   * so would publish a half-written object.
   */
  default void write(StreamWriter body) throws IOException {
    AtomicOutputStream out = create();
    try {
      body.writeTo(out);
    } catch (Throwable failure) {
      try {
        out.abort();
      } catch (IOException abortFailure) {
        failure.addSuppressed(abortFailure);
      }
      throw failure;
    }
    out.close();
  }

  /** Produces an object's bytes into a stream (which it must not close). */
  @FunctionalInterface
  interface StreamWriter {
    void writeTo(OutputStream out) throws IOException;
  }

  /** An output stream that publishes on close, or discards everything on abort. */
  abstract class AtomicOutputStream extends OutputStream {
    /** Discards what was written; a later close() does nothing. */
    public abstract void abort() throws IOException;
  }
}
