package dev.quarry.slice;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.StorageConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.gaul.s3proxy.AccessGrant;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.middleware.Middlewares;

/**
 * An embedded S3Proxy on 127.0.0.1 with two identities: the test's loader, which may write
 * anywhere, and Quarry's, for which bucket {@value #DATA} is read-only (writes refused by the
 * server) and {@value #META} is writable.
 */
final class ReadOnlyDataS3 implements AutoCloseable {

  static final String DATA = "data";
  static final String META = "meta";
  private static final String LOADER = "loader";
  private static final String QUARRY = "quarry";
  private static final String SECRET = "secret-of-";
  private static final String REGION = "us-east-1";

  private final S3Proxy proxy;
  private final BlobStore store;
  private final Path folder;
  private final URI endpoint;

  private ReadOnlyDataS3(S3Proxy proxy, BlobStore store, Path folder) {
    this.proxy = proxy;
    this.store = store;
    this.folder = folder;
    this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  static ReadOnlyDataS3 start() throws Exception {
    Path folder = Files.createTempDirectory("quarry-slice-s3-");
    Properties properties = new Properties();
    properties.setProperty("jclouds.filesystem.basedir", folder.toString());
    properties.setProperty("jclouds.identity", LOADER);
    properties.setProperty("jclouds.credential", SECRET + LOADER);
    BlobStore store = BlobStores.create("filesystem", properties);
    Properties readOnly = new Properties();
    readOnly.setProperty("s3proxy.read-only-blobstore", "true");
    BlobStore readOnlyStore = Middlewares.wrap(store, readOnly, p -> store);
    S3Proxy proxy =
        S3Proxy.builder()
            .blobStore(store)
            .endpoint(URI.create("http://127.0.0.1:0"))
            .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, LOADER, SECRET + LOADER)
            .ignoreUnknownHeaders(true)
            .stopTimeout(0)
            .build();
    proxy.setBlobStoreLocator(
        (identity, container, blob) -> {
          if (LOADER.equals(identity)) {
            return new AccessGrant(SECRET + LOADER, store);
          }
          if (QUARRY.equals(identity)) {
            return new AccessGrant(SECRET + QUARRY, DATA.equals(container) ? readOnlyStore : store);
          }
          return null;
        });
    proxy.start();
    while (!"STARTED".equals(proxy.getState())) {
      Thread.sleep(10);
    }
    store.createContainer(DATA);
    store.createContainer(META);
    return new ReadOnlyDataS3(proxy, store, folder);
  }

  private StorageConfig config(String identity) {
    return new StorageConfig(
        List.of(), List.of(DATA, META), List.of(),
        new StorageConfig.S3Settings(endpoint.toString(), REGION, identity, SECRET + identity, true),
        10_000);
  }

  /** Quarry's view: reads {@value #DATA}, writes only {@value #META}. */
  FileIO quarryIO() {
    return FileIO.create(config(QUARRY));
  }

  /** The loader's view, to put test objects into {@value #DATA}. */
  FileIO loaderIO() {
    return FileIO.create(config(LOADER));
  }

  static Location data(String key) {
    return Location.parse("s3://" + DATA + "/" + key);
  }

  static Location meta(String key) {
    return Location.parse("s3://" + META + "/" + key);
  }

  @Override
  public void close() throws Exception {
    try {
      proxy.stop();
    } finally {
      store.close();
      try (Stream<Path> paths = Files.walk(folder)) {
        for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
