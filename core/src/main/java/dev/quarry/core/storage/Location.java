package dev.quarry.core.storage;

import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A user-named place: a local file or folder, an S3 object or prefix, or an HTTP(S) resource.
 *
 * <p>Local paths are kept absolute and normalised; {@code s3://bucket/key} keeps the bucket as
 * {@link #authority()} and the key (no leading slash) as {@link #path()}; HTTP keeps the host[:port]
 * and the path with its query (and any user info, which the access policy refuses; {@link
 * #toString()} masks its password). Parsing never touches the file system or the network.
 */
public record Location(String scheme, String authority, String path) implements Serializable {

  public static final String FILE = "file";
  public static final String S3 = "s3";
  public static final String HTTP = "http";
  public static final String HTTPS = "https";

  public Location {
    if (scheme == null || path == null) {
      throw new IllegalArgumentException("location needs a scheme and a path");
    }
    scheme = scheme.toLowerCase(Locale.ROOT);
    authority = authority == null ? "" : authority;
  }

  /** Parses a local path, a {@code file:} URI, {@code s3://bucket/key} or {@code http(s)://...}. */
  public static Location parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("empty location");
    }
    String t = text.strip();
    int colon = t.indexOf("://");
    if (colon <= 1) { // no scheme, or a Windows drive letter: a local path
      if (t.startsWith("file:")) {
        return ofLocal(Path.of(URI.create(t)));
      }
      return ofLocal(Path.of(t));
    }
    String scheme = t.substring(0, colon).toLowerCase(Locale.ROOT);
    switch (scheme) {
      case FILE:
        return ofLocal(Path.of(URI.create(t)));
      case S3:
      case "s3a": {
        String rest = t.substring(colon + 3);
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String key = slash < 0 ? "" : rest.substring(slash + 1);
        if (bucket.isEmpty()) {
          throw new IllegalArgumentException("s3 location without a bucket: " + text);
        }
        return new Location(S3, bucket, key);
      }
      case HTTP:
      case HTTPS:
        try {
          URI uri = new URI(t);
          if (uri.getHost() == null) {
            throw new IllegalArgumentException("URL without a host: " + text);
          }
          String auth = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
          if (uri.getRawUserInfo() != null) {
            // Kept (not dropped) so the access policy can refuse it: silently stripping credentials
            // would send the request somewhere the user did not quite ask for.
            auth = uri.getRawUserInfo() + "@" + auth;
          }
          String p = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
          if (uri.getRawQuery() != null) {
            p = p + "?" + uri.getRawQuery();
          }
          return new Location(scheme, auth, p);
        } catch (URISyntaxException e) {
          throw new IllegalArgumentException("not a valid URL: " + text, e);
        }
      default:
        throw new IllegalArgumentException("unsupported location scheme '" + scheme + "' in " + text);
    }
  }

  public static Location ofLocal(Path path) {
    return new Location(FILE, "", path.toAbsolutePath().normalize().toString());
  }

  public boolean isLocal() {
    return FILE.equals(scheme);
  }

  public boolean isS3() {
    return S3.equals(scheme);
  }

  public boolean isHttp() {
    return HTTP.equals(scheme) || HTTPS.equals(scheme);
  }

  /** The local path; only for {@link #isLocal()} locations. */
  public Path toPath() {
    if (!isLocal()) {
      throw new IllegalStateException("not a local location: " + this);
    }
    return Path.of(path);
  }

  /** The last path segment (file name), without query. */
  public String name() {
    String p = path;
    int q = isHttp() ? p.indexOf('?') : -1;
    if (q >= 0) {
      p = p.substring(0, q);
    }
    while (p.endsWith("/") && p.length() > 1) {
      p = p.substring(0, p.length() - 1);
    }
    int slash = p.lastIndexOf('/');
    return slash < 0 ? p : p.substring(slash + 1);
  }

  /** A child of this location, {@code relative} using '/' separators. */
  public Location resolve(String relative) {
    if (isLocal()) {
      return ofLocal(toPath().resolve(relative));
    }
    String base = path.isEmpty() || path.endsWith("/") ? path : path + "/";
    return new Location(scheme, authority, base + relative);
  }

  /** The path of {@code child} relative to this location, with '/' separators. */
  public String relativize(Location child) {
    if (isLocal()) {
      return toPath().relativize(child.toPath()).toString().replace('\\', '/');
    }
    String base = path.isEmpty() || path.endsWith("/") ? path : path + "/";
    return child.path.startsWith(base) ? child.path.substring(base.length()) : child.path;
  }

  /** The canonical text form: an absolute path for local files, a URI otherwise. */
  public String uri() {
    if (isLocal()) {
      return path;
    }
    if (isS3()) {
      return "s3://" + authority + "/" + path;
    }
    return scheme + "://" + authority + path;
  }

  /** The canonical form with any password in HTTP user info masked: safe for messages and logs. */
  @Override
  public String toString() {
    int at = isHttp() ? authority.lastIndexOf('@') : -1;
    if (at < 0) {
      return uri();
    }
    String userInfo = authority.substring(0, at);
    int colon = userInfo.indexOf(':');
    String masked = colon < 0 ? userInfo : userInfo.substring(0, colon) + ":***";
    return scheme + "://" + masked + authority.substring(at) + path;
  }
}
