package dev.quarry.slice;

import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.S3ProxyServer;
import dev.quarry.core.storage.StorageConfig;
import java.util.List;
import java.util.Set;

/**
 * An embedded S3Proxy on 127.0.0.1 with two identities: the test's loader, which may write
 * anywhere, and Quarry's, for which bucket {@value #DATA} is read-only (writes refused by the
 * server) and {@value #META} is writable.
 */
final class ReadOnlyDataS3 implements AutoCloseable {

  static final String DATA = "data";
  static final String META = "meta";

  private final S3ProxyServer server;

  private ReadOnlyDataS3(S3ProxyServer server) {
    this.server = server;
  }

  static ReadOnlyDataS3 start() throws Exception {
    S3ProxyServer server = S3ProxyServer.start(Set.of(DATA));
    server.createBucket(DATA);
    server.createBucket(META);
    return new ReadOnlyDataS3(server);
  }

  private static StorageConfig config(StorageConfig.S3Settings identity) {
    return new StorageConfig(List.of(), List.of(DATA, META), List.of(), identity, 10_000);
  }

  /** Quarry's view: reads {@value #DATA}, writes only {@value #META}. */
  FileIO quarryIO() {
    return FileIO.create(config(server.readerS3Settings()));
  }

  /** The loader's view, to put test objects into {@value #DATA}. */
  FileIO loaderIO() {
    return FileIO.create(config(server.s3Settings()));
  }

  static Location data(String key) {
    return Location.parse("s3://" + DATA + "/" + key);
  }

  static Location meta(String key) {
    return Location.parse("s3://" + META + "/" + key);
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
