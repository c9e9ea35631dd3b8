package dev.quarry.server.slice;

import dev.quarry.core.storage.AccessDeniedException;
import dev.quarry.core.storage.FileIO;
import dev.quarry.core.storage.Location;
import dev.quarry.core.storage.StorageConfig;
import dev.quarry.server.QuarryProperties;
import dev.quarry.server.web.ApiException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * What the slice routes may touch. A location without a scheme is relative to the data root; an
 * absolute path must lie under the data root or {@code quarry.storage.allowed-roots}; {@code s3://}
 * and {@code http(s)://} need {@code allowed-buckets} / {@code allowed-hosts} (none by default).
 */
@Component
public class SliceAccess implements DisposableBean {

  private final FileIO io;
  private final Path dataRoot;
  private final QuarryProperties.Storage storage;

  public SliceAccess(QuarryProperties properties) {
    this.storage = properties.storage();
    this.dataRoot = properties.dataRoot().toAbsolutePath().normalize();
    List<String> roots = new ArrayList<>(storage.allowedRoots());
    roots.add(dataRoot.toString());
    StorageConfig.S3Settings s3 =
        new StorageConfig.S3Settings(
            storage.s3Endpoint(), storage.s3Region(), storage.s3AccessKey(), storage.s3SecretKey(),
            storage.s3Endpoint() != null);
    this.io =
        FileIO.create(
            new StorageConfig(roots, storage.allowedBuckets(), storage.allowedHosts(), s3, 30_000));
  }

  public FileIO io() {
    return io;
  }

  /** The location named in field {@code field}; 400 if it may not be used. */
  public Location resolve(String text, String field) {
    if (text == null || text.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required", field);
    }
    Location location;
    try {
      boolean schemeless = !text.contains("://") && !text.startsWith("file:");
      location =
          schemeless && !Path.of(text).isAbsolute()
              ? relative(text, field)
              : Location.parse(text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("'" + field + "': " + e.getMessage(), field);
    }
    if (location.isS3() && storage.allowedBuckets().isEmpty()) {
      throw ApiException.badRequest(
          "'" + field + "': S3 locations are not enabled on this server (quarry.storage.allowed-buckets)", field);
    }
    if (location.isHttp() && storage.allowedHosts().isEmpty()) {
      throw ApiException.badRequest(
          "'" + field + "': HTTP locations are not enabled on this server (quarry.storage.allowed-hosts)", field);
    }
    try {
      return io.check(location);
    } catch (AccessDeniedException e) {
      throw new ApiException(HttpStatus.FORBIDDEN, e.getMessage(), field);
    }
  }

  private Location relative(String text, String field) {
    Path target = dataRoot.resolve(text).normalize();
    if (!target.startsWith(dataRoot) || target.equals(dataRoot)) {
      throw ApiException.badRequest("'" + field + "' must name an object under the data root", field);
    }
    return Location.ofLocal(target);
  }

  @Override
  public void destroy() throws Exception {
    io.close();
  }
}
