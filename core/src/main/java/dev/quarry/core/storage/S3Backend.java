package dev.quarry.core.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * S3 and S3-compatible stores. Reads are pinned to the version seen when the file was opened
 * (If-Match on the ETag), so a concurrent overwrite fails loudly instead of mixing two versions in
 * one set of range reads. Writes are buffered to a local temporary file and published by a single
 * PUT or a completed multipart upload on close: until then nothing is visible.
 */
final class S3Backend implements StorageBackend {

  private final S3Client client;

  S3Backend(StorageConfig.S3Settings settings, int timeoutMillis) {
    this.client = buildClient(settings, Duration.ofMillis(timeoutMillis));
  }

  private static S3Client buildClient(StorageConfig.S3Settings settings, Duration timeout) {
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClientBuilder(
                UrlConnectionHttpClient.builder().connectionTimeout(timeout).socketTimeout(timeout))
            .forcePathStyle(settings.pathStyle())
            .credentialsProvider(credentials(settings));
    if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
      builder.endpointOverride(URI.create(settings.endpoint()));
      // Many S3-compatible stores reject the SDK's newer default checksum trailers (aws-chunked
      // uploads); send and check checksums only where the API requires them.
      builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
      builder.responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
      builder.region(Region.of(settings.region() == null ? "us-east-1" : settings.region()));
    } else if (settings.region() != null) {
      builder.region(Region.of(settings.region()));
    } else {
      builder.region(defaultRegion());
      // The region is a guess: let the client follow a bucket that lives elsewhere.
      builder.crossRegionAccessEnabled(true);
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(StorageConfig.S3Settings settings) {
    if (settings.accessKey() != null && settings.secretKey() != null) {
      return StaticCredentialsProvider.create(
          AwsBasicCredentials.create(settings.accessKey(), settings.secretKey()));
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private static Region defaultRegion() {
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkException e) {
      return Region.US_EAST_1;
    }
  }

  @Override
  public InputFile newInputFile(Location location) throws IOException {
    requireObjectKey(location);
    HeadObjectResponse head;
    try {
      head = client.headObject(r -> r.bucket(location.authority()).key(location.path()));
    } catch (SdkException e) {
      throw S3Errors.translate(location, "stat", e);
    }
    FileStatus status =
        new FileStatus(location, head.contentLength(), head.lastModified(), S3Errors.unquote(head.eTag()));
    return new S3InputFile(client, status);
  }

  @Override
  public boolean exists(Location location) throws IOException {
    if (!isObjectKey(location.path())) {
      return false;
    }
    try {
      client.headObject(r -> r.bucket(location.authority()).key(location.path()));
      return true;
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return false;
      }
      throw S3Errors.translate(location, "stat", e);
    }
  }

  /** True for a bucket that exists (empty key) or a key with at least one object under "key/". */
  @Override
  public boolean isDirectory(Location location) throws IOException {
    String prefix = folderPrefix(location.path());
    try {
      if (prefix.isEmpty()) {
        client.headBucket(r -> r.bucket(location.authority()));
        return true;
      }
      return client
              .listObjectsV2(r -> r.bucket(location.authority()).prefix(prefix).maxKeys(1))
              .keyCount()
          > 0;
    } catch (SdkException e) {
      if (S3Errors.isNotFound(e)) {
        return false;
      }
      throw S3Errors.translate(location, "list", e);
    }
  }

  /**
   * Objects under the location taken as a folder ("key/"). S3 has no folders, so a prefix with
   * nothing under it lists as empty rather than failing; a missing bucket is an error.
   */
  @Override
  public List<FileStatus> list(Location location, ListOptions options) throws IOException {
    String bucket = location.authority();
    String prefix = folderPrefix(location.path());
    PathMatcher matcher =
        options.glob() == null ? null : FileSystems.getDefault().getPathMatcher("glob:" + options.glob());
    ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
    if (!options.recursive()) {
      request.delimiter("/");
    }
    List<FileStatus> out = new ArrayList<>();
    try {
      for (S3Object object : client.listObjectsV2Paginator(request.build()).contents()) {
        String key = object.key();
        if (key.endsWith("/")) {
          continue; // a zero-byte "folder" marker made by consoles and some tools
        }
        if (matcher != null && !matcher.matches(Path.of(key.substring(prefix.length())))) {
          continue;
        }
        out.add(
            new FileStatus(
                new Location(Location.S3, bucket, key),
                object.size(),
                object.lastModified(),
                S3Errors.unquote(object.eTag())));
      }
    } catch (SdkException e) {
      throw S3Errors.translate(location, "list", e);
    }
    out.sort(Comparator.comparing(s -> s.location().uri()));
    return out;
  }

  @Override
  public OutputFile newOutputFile(Location location) throws IOException {
    requireObjectKey(location);
    return new OutputFile() {
      @Override
      public Location location() {
        return location;
      }

      @Override
      public AtomicOutputStream create() throws IOException {
        return new S3AtomicUpload(client, location);
      }
    };
  }

  /** Deletes an object; like S3 itself, deleting a missing object is not an error. */
  @Override
  public void delete(Location location) throws IOException {
    requireObjectKey(location);
    try {
      client.deleteObject(r -> r.bucket(location.authority()).key(location.path()));
    } catch (SdkException e) {
      throw S3Errors.translate(location, "delete", e);
    }
  }

  @Override
  public void close() {
    client.close();
  }

  private static boolean isObjectKey(String key) {
    return !key.isEmpty() && !key.endsWith("/");
  }

  private static void requireObjectKey(Location location) throws StorageException {
    if (!isObjectKey(location.path())) {
      throw new StorageException(location, "names a bucket or prefix, not an object", true);
    }
  }

  private static String folderPrefix(String key) {
    return key.isEmpty() || key.endsWith("/") ? key : key + "/";
  }

  /** An object whose bytes are read as it was when stat'ed. */
  private record S3InputFile(S3Client client, FileStatus status) implements InputFile {

    @Override
    public Location location() {
      return status.location();
    }

    @Override
    public InputStream newStream() throws IOException {
      return get(null);
    }

    @Override
    public InputStream openRange(long offset, long length) throws IOException {
      if (offset < 0 || length < -1) {
        throw new IllegalArgumentException("bad range: offset " + offset + ", length " + length);
      }
      // S3 answers an empty or past-the-end range with 416; the contract is an empty stream.
      if (length == 0 || offset >= status.size()) {
        return InputStream.nullInputStream();
      }
      String range = length < 0 ? "bytes=" + offset + "-" : "bytes=" + offset + "-" + (offset + length - 1);
      return get(range);
    }

    private InputStream get(String range) throws IOException {
      Location location = location();
      try {
        return client.getObject(
            r -> {
              r.bucket(location.authority()).key(location.path()).range(range);
              if (status.etag() != null) {
                r.ifMatch(S3Errors.quote(status.etag()));
              }
            });
      } catch (SdkException e) {
        throw S3Errors.translate(location, range == null ? "read" : "read " + range, e);
      }
    }
  }
}
