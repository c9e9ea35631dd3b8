package dev.quarry.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Quarry's settings ({@code quarry.*}; environment variables such as {@code QUARRY_HOME},
 * {@code QUARRY_DATA_ROOT}, {@code QUARRY_ADMIN_KEY} bind to them).
 *
 * @param home embedded database and local storage ({@code ./quarry-data})
 * @param dataRoot where {@code RawDataPath} dataset ids resolve ({@code $home/datasets})
 * @param adminKey the admin's API key; when unset, the first start creates one and prints it once
 * @param workers profiling threads per job
 * @param databases named JDBC connections for {@code DatabaseConnection} datasets; credentials stay
 *     here, never in requests or profiles
 * @param storage the allow-list for user-named locations and the S3 settings
 * @param jobs dispatch and retry settings
 * @param rateLimit requests per user
 * @param jwt bearer-token verification
 * @param synth synthetic data over REST
 * @param engine where jobs run their tasks: local threads (default) or Spark
 */
@ConfigurationProperties("quarry")
public record QuarryProperties(
    @DefaultValue("./quarry-data") Path home,
    Path dataRoot,
    String adminKey,
    @DefaultValue("2") int workers,
    Map<String, Database> databases,
    @DefaultValue Storage storage,
    @DefaultValue Jobs jobs,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue Jwt jwt,
    @DefaultValue Synth synth,
    @DefaultValue EngineSettings engine) {

  public QuarryProperties {
    dataRoot = dataRoot == null ? home.resolve("datasets") : dataRoot;
    databases = databases == null ? Map.of() : Map.copyOf(databases);
  }

  /** Where job results are kept. */
  public Path resultsRoot() {
    return home.resolve("results");
  }

  /**
   * @param kind {@code local} (threads of this JVM, sized by each job kind's {@code workers}) or
   *     {@code spark}
   * @param master the Spark master when {@code kind} is spark: {@code local[N]}, {@code
   *     spark://host:7077}, ...
   * @param sparkConf extra Spark properties ({@code spark.executor.memory: 4g}, ...)
   */
  public record EngineSettings(
      @DefaultValue("local") String kind, @DefaultValue("local[*]") String master,
      Map<String, String> sparkConf) {

    public EngineSettings {
      if (!"local".equals(kind) && !"spark".equals(kind)) {
        throw new IllegalArgumentException("quarry.engine.kind must be local or spark, got " + kind);
      }
      sparkConf = sparkConf == null ? Map.of() : Map.copyOf(sparkConf);
    }

    public boolean spark() {
      return "spark".equals(kind);
    }
  }

  /** A configured database: a JDBC URL and the credentials to use it. */
  public record Database(String url, String username, String password) {
    @Override
    public String toString() {
      return "Database[url=" + url + ", username=" + username + "]";
    }
  }

  /**
   * @param allowedRoots local folders users may name besides the data root
   * @param allowedBuckets S3 buckets (or bucket/prefix) users may name; empty = none
   * @param allowedHosts HTTP(S) hosts users may name; empty = none
   * @param s3Endpoint endpoint of an S3-compatible store, or null for AWS
   */
  public record Storage(
      List<String> allowedRoots,
      List<String> allowedBuckets,
      List<String> allowedHosts,
      String s3Endpoint,
      String s3Region,
      String s3AccessKey,
      String s3SecretKey) {

    public Storage {
      allowedRoots = allowedRoots == null ? List.of() : List.copyOf(allowedRoots);
      allowedBuckets = allowedBuckets == null ? List.of() : List.copyOf(allowedBuckets);
      allowedHosts = allowedHosts == null ? List.of() : List.copyOf(allowedHosts);
    }

    @Override
    public String toString() {
      return "Storage[roots=" + allowedRoots + ", buckets=" + allowedBuckets + ", hosts="
          + allowedHosts + ", s3Endpoint=" + s3Endpoint + "]";
    }
  }

  /**
   * @param maxAttempts tries of a job that fails for a transient reason (a run stopped by a
   *     graceful shutdown is not one)
   * @param retryBackoff delay before the first retry, doubled for each further one
   * @param heartbeat how often a running job proves its worker alive: a dead worker's jobs are run
   *     again, by any instance, once six heartbeats are missed (30 s at the default; see
   *     {@code JobScheduling.MISSED_HEARTBEATS})
   * @param pollingInterval how often idle instances look for due jobs
   */
  public record Jobs(
      @DefaultValue("3") int maxAttempts,
      @DefaultValue("5s") Duration retryBackoff,
      @DefaultValue("5s") Duration heartbeat,
      @DefaultValue("1s") Duration pollingInterval,
      @DefaultValue("2") int threads) {}

  /** Per-user token bucket: {@code capacity} requests, refilled at {@code perMinute}. */
  public record RateLimit(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("600") long capacity,
      @DefaultValue("600") long perMinute) {}

  /**
   * Bearer tokens are accepted when one of these is set: an HS256 {@code secret} (at least 32
   * bytes) or an RSA {@code publicKeyLocation}; every claim in {@code requiredClaims} must be present
   * (with the given value, or any value when the value is empty).
   */
  public record Jwt(
      String secret,
      String publicKeyLocation,
      String issuer,
      Map<String, String> requiredClaims,
      @DefaultValue("sub") String userClaim) {

    public Jwt {
      requiredClaims = requiredClaims == null ? Map.of() : Map.copyOf(requiredClaims);
    }

    public boolean enabled() {
      return (secret != null && !secret.isBlank())
          || (publicKeyLocation != null && !publicKeyLocation.isBlank());
    }

    @Override
    public String toString() {
      return "Jwt[publicKeyLocation=" + publicKeyLocation + ", issuer=" + issuer + "]";
    }
  }

  /**
   * Synthetic data over REST ({@code /api/v1/synth}, {@code /generate-data}).
   *
   * @param streamRowLimit a request writing at most this many rows (of one table) is streamed back
   *     in the response; a larger one becomes a {@code synth} job whose file is downloaded later
   * @param maxRows the most rows one request may write (every table of a job together, and any
   *     table the schema declares); above it the request is refused (400)
   * @param maxRowsPerRequest a user's quota per request (429 above it)
   * @param maxRowsPerDay a user's quota per UTC day, streamed and job rows together (429 above it)
   * @param workers threads generating rows, shared by every stream and job of the instance
   * @param fragments with {@code quarry.engine.kind=spark} on several machines: a folder every
   *     executor can write and this instance can read (an S3 prefix) where shard fragments wait to
   *     be joined; unset, a temporary folder of this machine
   */
  public record Synth(
      @DefaultValue("100000") long streamRowLimit,
      @DefaultValue("1000000000") long maxRows,
      @DefaultValue("100000000") long maxRowsPerRequest,
      @DefaultValue("1000000000") long maxRowsPerDay,
      @DefaultValue("2") int workers,
      String fragments) {

    public Synth {
      if (streamRowLimit < 0 || maxRows < 0 || maxRowsPerRequest < 0 || maxRowsPerDay < 0 || workers < 1) {
        throw new IllegalArgumentException("quarry.synth limits must not be negative, workers at least 1");
      }
    }
  }
}
