package dev.quarry.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Writes one S3 object atomically: bytes go to a local temporary file, and close() publishes them
 * with one PUT (small objects) or a multipart upload that is completed only once every part is in
 * (aborted on any failure). Readers never see a partial object.
 */
final class S3AtomicUpload extends OutputFile.AtomicOutputStream {

  /** Below this a single PUT; at or above it, multipart with parts of at least this size. */
  static final long MULTIPART_THRESHOLD = 16L * 1024 * 1024;

  /** S3 allows at most this many parts per upload. */
  private static final int MAX_PARTS = 10_000;

  private final S3Client client;
  private final Location location;
  private final Path buffer;
  private final OutputStream out;
  private long size;
  private boolean done;

  S3AtomicUpload(S3Client client, Location location) throws IOException {
    this.client = client;
    this.location = location;
    this.buffer = Files.createTempFile("quarry-s3-upload-", ".part");
    try {
      this.out = Files.newOutputStream(buffer);
    } catch (IOException e) {
      Files.deleteIfExists(buffer);
      throw e;
    }
  }

  @Override
  public void write(int b) throws IOException {
    ensureOpen();
    out.write(b);
    size++;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    ensureOpen();
    out.write(b, off, len);
    size += len;
  }

  @Override
  public void flush() throws IOException {
    ensureOpen();
    out.flush();
  }

  @Override
  public void abort() throws IOException {
    if (done) {
      return;
    }
    done = true;
    try {
      out.close();
    } finally {
      Files.deleteIfExists(buffer);
    }
  }

  @Override
  public void close() throws IOException {
    if (done) {
      return;
    }
    done = true;
    try {
      out.close();
      if (size < MULTIPART_THRESHOLD) {
        putWhole();
      } else {
        putMultipart();
      }
    } finally {
      Files.deleteIfExists(buffer);
    }
  }

  private void ensureOpen() throws IOException {
    if (done) {
      throw new IOException(location + ": stream already closed or aborted");
    }
  }

  private void putWhole() throws StorageException {
    try {
      client.putObject(
          r -> r.bucket(location.authority()).key(location.path()).contentLength(size),
          RequestBody.fromFile(buffer));
    } catch (SdkException e) {
      throw S3Errors.translate(location, "write", e);
    }
  }

  private void putMultipart() throws IOException {
    String bucket = location.authority();
    String key = location.path();
    long partSize = Math.max(MULTIPART_THRESHOLD, ceilDiv(size, MAX_PARTS));
    String uploadId;
    try {
      uploadId = client.createMultipartUpload(r -> r.bucket(bucket).key(key)).uploadId();
    } catch (SdkException e) {
      throw S3Errors.translate(location, "start multipart upload", e);
    }
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int partNumber = 1;
      for (long offset = 0; offset < size; offset += partSize, partNumber++) {
        long length = Math.min(partSize, size - offset);
        int number = partNumber;
        try (PartSource source = new PartSource(buffer, offset, length)) {
          String etag =
              client
                  .uploadPart(
                      r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number).contentLength(length),
                      RequestBody.fromContentProvider(source, length, "application/octet-stream"))
                  .eTag();
          parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
        }
      }
      client.completeMultipartUpload(
          r -> r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(m -> m.parts(parts)));
    } catch (SdkException | IOException | UncheckedIOException e) {
      abortQuietly(uploadId, e);
      if (e instanceof SdkException sdk) {
        throw S3Errors.translate(location, "multipart upload", sdk);
      }
      throw e instanceof UncheckedIOException u ? u.getCause() : (IOException) e;
    }
  }

  private void abortQuietly(String uploadId, Exception cause) {
    try {
      client.abortMultipartUpload(
          r -> r.bucket(location.authority()).key(location.path()).uploadId(uploadId));
    } catch (SdkException e) {
      // The store will expire the parts by its lifecycle rules; the original failure matters more.
      cause.addSuppressed(e);
    }
  }

  private static long ceilDiv(long a, long b) {
    return (a + b - 1) / b;
  }

  /**
   * One part of the buffer file. The SDK asks for a fresh stream on every retry; each replaces
   * (and closes) the previous one so no file handle outlives the part.
   */
  private static final class PartSource implements ContentStreamProvider, AutoCloseable {
    private final Path file;
    private final long offset;
    private final long length;
    private InputStream current;

    PartSource(Path file, long offset, long length) {
      this.file = file;
      this.offset = offset;
      this.length = length;
    }

    @Override
    public InputStream newStream() {
      try {
        close();
        current = FileSlices.open(file, offset, length);
        return current;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        InputStream c = current;
        current = null;
        c.close();
      }
    }
  }
}
