package dev.quarry.core.storage;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.middleware.Middlewares;

/**
 * A real S3 endpoint for tests: an embedded S3Proxy on 127.0.0.1 (a free port), storing objects in
 * a temporary folder and checking AWS V4 signatures, addressed path-style.
 *
 * <pre>{@code
 * try (S3ProxyServer s3 = S3ProxyServer.start(); FileIO io = s3.newFileIO()) {
 *   s3.createBucket("data");
 *   io.newOutputFile(Location.parse("s3://data/a.csv")) ...
 * }
 * }</pre>
 *
 * Other modules get it from core's test-jar.
 */
public final class S3ProxyServer implements AutoCloseable {

  public static final String ACCESS_KEY = "quarry-test-access";
  public static final String SECRET_KEY = "quarry-test-secret";
  public static final String REGION = "us-east-1";
  /** A second identity, for which the buckets named at {@link #start(Set)} are read-only. */
  public static final String READER_KEY = "quarry-test-reader";
  public static final String READER_SECRET = "quarry-test-reader-secret";

  private final S3Proxy proxy;
  private final BlobStore blobStore;
  private final Path storage;
  private final URI endpoint;

  private S3ProxyServer(S3Proxy proxy, BlobStore blobStore, Path storage) {
    this.proxy = proxy;
    this.blobStore = blobStore;
    this.storage = storage;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  /** Starts a server with an empty store; close it to stop it and delete what it stored. */
  public static S3ProxyServer start() throws Exception {
    return start(Set.of());
  }

  /**
   * As {@link #start()}, and the server refuses {@link #READER_KEY}'s writes to {@code
   * readOnlyForReader} (S3Proxy's read-only middleware), as a data bucket shared read-only would;
   * {@link #ACCESS_KEY} may still write everywhere, to load test objects.
   */
  public static S3ProxyServer start(Set<String> readOnlyForReader) throws Exception {
    Path storage = Files.createTempDirectory("quarry-s3proxy-");
    Properties properties = new Properties();
    // A folder-backed store keeps large multipart objects out of the heap.
    properties.setProperty("jclouds.filesystem.basedir", storage.toString());
    properties.setProperty("jclouds.identity", ACCESS_KEY);
    properties.setProperty("jclouds.credential", SECRET_KEY);
    BlobStore blobStore = BlobStores.create("filesystem", properties);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(blobStore)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
            .ignoreUnknownHeaders(true)
            // No graceful drain: idle keep-alive connections from clients would only delay (or time
            // out) the stop, and a test closing the server has no requests in flight.
            .stopTimeout(0)
            .build();
    if (!readOnlyForReader.isEmpty()) {
      Properties readOnly = new Properties();
      readOnly.setProperty("s3proxy.read-only-blobstore", "true");
      BlobStore readOnlyStore = Middlewares.wrap(blobStore, readOnly, p -> blobStore);
      proxy.setBlobStoreLocator((identity, container, blob) -> {
        if (ACCESS_KEY.equals(identity)) {
          return new AccessGrant(SECRET_KEY, blobStore);
        }
        if (READER_KEY.equals(identity)) {
          return new AccessGrant(READER_SECRET,
              readOnlyForReader.contains(container) ? readOnlyStore : blobStore);
        }
        return null;
      });
    }
    try {
      proxy.start();
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (!"STARTED".equals(proxy.getState())) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
        }
        Thread.sleep(10);
      }
    } catch (Exception e) {
      stopQuietly(proxy);
      deleteTree(storage);
      throw e;
    }
    return new S3ProxyServer(proxy, blobStore, storage);
  }

  /** The endpoint, http://127.0.0.1:port. */
  public URI endpoint() {
    return endpoint;
  }

  public StorageConfig.S3Settings s3Settings() {
    return new StorageConfig.S3Settings(endpoint.toString(), REGION, ACCESS_KEY, SECRET_KEY, true);
  }

  /** {@link #READER_KEY}'s settings (see {@link #start(Set)}). */
  public StorageConfig.S3Settings readerS3Settings() {
    return new StorageConfig.S3Settings(endpoint.toString(), REGION, READER_KEY, READER_SECRET, true);
  }

  /** A config pointing S3 at this server, with no allow-list restrictions. */
  public StorageConfig config() {
    return new StorageConfig(List.of(), List.of(), List.of(), s3Settings(), 10_000);
  }

  /** A new FileIO on {@link #config()}; the caller closes it. */
  public FileIO newFileIO() {
    return FileIO.create(config());
  }

  /** Creates a bucket (directly in the store behind the server). */
  public void createBucket(String name) {
    blobStore.createContainer(name);
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      blobStore.close();
      deleteTree(storage);
    }
  }

  private static void stopQuietly(S3Proxy proxy) {
    try {
      proxy.stop();
    } catch (Exception ignored) {
      // start failed already; that failure is the one to report
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
        Files.deleteIfExists(p);
      }
    }
  }
}
