package dev.quarry.core.storage;

import java.io.Serializable;
import java.util.List;

/**
 * Everything needed to build a {@link FileIO} anywhere (a worker, a Spark executor): the allow-list
 * and the S3 / HTTP settings. Serializable so it can travel with tasks; secrets are only here if the
 * caller put them here (otherwise the AWS default chain is used on the worker).
 *
 * @param allowedRoots local folders that may be read or written; empty = any local path
 * @param allowedBuckets S3 buckets (or {@code bucket/prefix}) allowed; empty = any bucket
 * @param allowedHosts HTTP(S) hosts allowed; empty = any public host (never link-local or cloud
 *     metadata addresses; loopback and private addresses only when named here)
 * @param s3 S3 client settings
 * @param httpTimeoutMillis connect and read timeout for HTTP(S)
 */
public record StorageConfig(
    List<String> allowedRoots,
    List<String> allowedBuckets,
    List<String> allowedHosts,
    S3Settings s3,
    int httpTimeoutMillis)
    implements Serializable {

  public StorageConfig {
    allowedRoots = List.copyOf(allowedRoots == null ? List.of() : allowedRoots);
    allowedBuckets = List.copyOf(allowedBuckets == null ? List.of() : allowedBuckets);
    allowedHosts = List.copyOf(allowedHosts == null ? List.of() : allowedHosts);
    s3 = s3 == null ? S3Settings.fromEnvironment() : s3;
    httpTimeoutMillis = httpTimeoutMillis <= 0 ? 30_000 : httpTimeoutMillis;
  }

  /** No restriction beyond the built-in address rules: what a CLI user on their own machine gets. */
  public static StorageConfig unrestricted() {
    return new StorageConfig(List.of(), List.of(), List.of(), S3Settings.fromEnvironment(), 30_000);
  }

  public StorageConfig withAllowedRoots(List<String> roots) {
    return new StorageConfig(roots, allowedBuckets, allowedHosts, s3, httpTimeoutMillis);
  }

  public StorageConfig withAllowedHosts(List<String> hosts) {
    return new StorageConfig(allowedRoots, allowedBuckets, hosts, s3, httpTimeoutMillis);
  }

  public StorageConfig withAllowedBuckets(List<String> buckets) {
    return new StorageConfig(allowedRoots, buckets, allowedHosts, s3, httpTimeoutMillis);
  }

  public StorageConfig withS3(S3Settings settings) {
    return new StorageConfig(allowedRoots, allowedBuckets, allowedHosts, settings, httpTimeoutMillis);
  }

  /**
   * S3 client settings. Null fields fall back to the AWS SDK's default chains (environment
   * variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_REGION, profile files).
   *
   * @param endpoint endpoint override for S3-compatible stores (MinIO, S3Proxy, Ceph), or null
   * @param pathStyle path-style addressing (needed by most S3-compatible stores)
   */
  public record S3Settings(
      String endpoint, String region, String accessKey, String secretKey, boolean pathStyle)
      implements Serializable {

    /** Reads QUARRY_S3_ENDPOINT, AWS_REGION and the standard AWS credential variables. */
    public static S3Settings fromEnvironment() {
      String endpoint = System.getenv("QUARRY_S3_ENDPOINT");
      String region = System.getenv("AWS_REGION");
      return new S3Settings(
          endpoint,
          region,
          System.getenv("AWS_ACCESS_KEY_ID"),
          System.getenv("AWS_SECRET_ACCESS_KEY"),
          endpoint != null);
    }

    @Override
    public String toString() { // never print the secret
      return "S3Settings[endpoint=" + endpoint + ", region=" + region + ", pathStyle=" + pathStyle + "]";
    }
  }
}
