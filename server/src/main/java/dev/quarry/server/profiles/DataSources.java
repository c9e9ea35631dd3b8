package dev.quarry.server.profiles;

import dev.quarry.core.model.DatasetSpec;
import dev.quarry.server.QuarryProperties;
import dev.quarry.server.web.ApiException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import dev.quarry.core.storage.StorageConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Turns a data connector into what the profiler reads. {@code RawDataPath} ids are relative paths
 * under the data root and may not leave it (no absolute paths, no {@code ..}, no symbolic link
 * pointing out). {@code DatabaseConnection} names a configured database; its URL and credentials
 * come from configuration at run time and never enter a request, a job's spec, a profile or a log
 * line.
 */
@Component
public class DataSources {

  public static final String RAW_DATA_PATH = "RawDataPath";
  public static final String DATABASE_CONNECTION = "DatabaseConnection";
  /**
   * A location read as it is ({@code dataset_id} holds a path, {@code s3://} or {@code http(s)://}
   * URI): made by the catalog for discovered datasets, never accepted from a request (the parser
   * knows only the two types above). The storage allow-list still applies when it is read.
   */
  public static final String LOCATION = "Location";

  /**
   * Storage settings for reading datasets: the allowed roots and the data root; S3 settings and
   * allowed hosts from {@code quarry.storage} (loopback hosts only when listed there).
   */
  public static StorageConfig storageConfig(QuarryProperties properties) {
    List<String> roots = new ArrayList<>(properties.storage().allowedRoots());
    roots.add(properties.dataRoot().toAbsolutePath().normalize().toString());
    StorageConfig config = StorageConfig.unrestricted().withAllowedRoots(roots)
        .withAllowedHosts(properties.storage().allowedHosts());
    QuarryProperties.Storage s = properties.storage();
    if (s.s3Endpoint() != null && !s.s3Endpoint().isBlank()) {
      config = config.withS3(new StorageConfig.S3Settings(s.s3Endpoint(),
          s.s3Region() == null ? "us-east-1" : s.s3Region(), s.s3AccessKey(), s.s3SecretKey(), true));
    }
    return config;
  }

  private final QuarryProperties properties;

  public DataSources(QuarryProperties properties) {
    this.properties = properties;
  }

  /**
   * What to profile: a local path or a JDBC URL. The URL may carry credentials: keep it in memory
   * only (the profiler names databases by their redacted URL).
   *
   * @param field the connector's place in the request, for error messages
   * @throws ApiException 400 for a connector that cannot be used, 404 for a missing folder
   */
  public String resolve(DatasetSpec.DataConnector connector, String field) {
    return switch (connector.type() == null ? "" : connector.type()) {
      case RAW_DATA_PATH -> rawDataPath(connector.datasetId(), field + ".dataset_id").toString();
      case DATABASE_CONNECTION -> database(connector.databaseName(), field + ".database_name");
      case LOCATION -> connector.datasetId();
      default -> throw ApiException.badRequest("unknown data connector type '" + connector.type() + "'",
          field + ".type");
    };
  }

  Path rawDataPath(String datasetId, String field) {
    if (datasetId == null || datasetId.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required", field);
    }
    Path relative;
    try {
      relative = Path.of(datasetId);
    } catch (InvalidPathException e) {
      throw ApiException.badRequest("'" + field + "' is not a valid path", field);
    }
    if (relative.isAbsolute() || datasetId.startsWith("/") || datasetId.startsWith("\\")) {
      throw ApiException.badRequest("'" + field + "' must be relative to the data root", field);
    }
    for (Path part : relative) {
      if (part.toString().equals("..")) {
        throw ApiException.badRequest("'" + field + "' must not contain '..'", field);
      }
    }
    Path root = properties.dataRoot().toAbsolutePath().normalize();
    Path target = root.resolve(relative).normalize();
    if (!target.startsWith(root) || target.equals(root)) {
      throw ApiException.badRequest("'" + field + "' must name a dataset under the data root", field);
    }
    if (!Files.exists(target)) {
      throw new ApiException(HttpStatus.NOT_FOUND,
          "no dataset '" + datasetId + "' under the data root", field);
    }
    try {
      // A symbolic link inside the root may point anywhere: compare the real paths.
      Path realRoot = root.toRealPath();
      Path real = target.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw ApiException.badRequest("'" + field + "' leads outside the data root", field);
      }
      return real;
    } catch (IOException e) {
      throw new ApiException(HttpStatus.NOT_FOUND,
          "dataset '" + datasetId + "' cannot be read under the data root", field);
    }
  }

  String database(String name, String field) {
    if (name == null || name.isBlank()) {
      throw ApiException.badRequest("'" + field + "' is required", field);
    }
    QuarryProperties.Database db = properties.databases().get(name);
    if (db == null || db.url() == null || db.url().isBlank()) {
      throw ApiException.badRequest("unknown database '" + name + "'; configured: "
          + new TreeSet<>(properties.databases().keySet()), field);
    }
    return withCredentials(db.url(), db.username(), db.password());
  }

  /**
   * The URL with the user and password as URL parameters, in the syntax of the URL's driver: the
   * profiler opens databases by URL, and its redacted URL masks password parameters.
   */
  static String withCredentials(String url, String user, String password) {
    if (isBlank(user) && isBlank(password)) {
      return url;
    }
    String lower = url.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder(url);
    if (lower.startsWith("jdbc:h2:") || lower.startsWith("jdbc:sqlserver:")) {
      // Semicolon-separated settings; these drivers take the values as they are.
      if (!isBlank(user)) {
        out.append(";USER=").append(user);
      }
      if (!isBlank(password)) {
        out.append(";PASSWORD=").append(password);
      }
      return out.toString();
    }
    char sep = url.indexOf('?') >= 0 ? '&' : '?';
    if (!isBlank(user)) {
      out.append(sep).append("user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
      sep = '&';
    }
    if (!isBlank(password)) {
      out.append(sep).append("password=").append(URLEncoder.encode(password, StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static boolean isBlank(String s) {
    return s == null || s.isEmpty();
  }
}
