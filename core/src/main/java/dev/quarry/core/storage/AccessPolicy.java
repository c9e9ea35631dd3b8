package dev.quarry.core.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a user-named location may be touched, from the config's allow-lists plus rules
 * that no allow-list can switch off (cloud metadata and link-local addresses, user info in URLs).
 *
 * <p>{@link #check} returns the location to use from then on (local paths normalised), so callers
 * must do their I/O on what it returns, not on what they passed in.
 */
final class AccessPolicy {

  /** Host names of metadata services that may resolve to anything, so are refused by name. */
  private static final Set<String> METADATA_HOSTS = Set.of("metadata.google.internal", "metadata");

  private static final int MAX_LINK_HOPS = 40;

  private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private final List<String> allowedRoots;
  private final List<String> allowedBuckets;
  private final List<HostPort> allowedHosts;

  AccessPolicy(StorageConfig config) {
    this.allowedRoots = config.allowedRoots();
    this.allowedBuckets = config.allowedBuckets();
    this.allowedHosts = config.allowedHosts().stream().map(HostPort::parse).toList();
  }

  /** True when local access is confined to allowed roots (listings then must not leave them). */
  boolean confinesLocalPaths() {
    return !allowedRoots.isEmpty();
  }

  Location check(Location location) throws AccessDeniedException {
    if (location.isLocal()) {
      return checkLocal(location);
    }
    if (location.isS3()) {
      checkS3(location);
      return location;
    }
    if (location.isHttp()) {
      checkHttp(location);
      return location;
    }
    throw new AccessDeniedException(location, "unsupported scheme " + location.scheme());
  }

  // ---------------------------------------------------------------- local

  private Location checkLocal(Location location) throws AccessDeniedException {
    // Location.ofLocal normalises, which removes '..' before anything is compared.
    Location normalised = Location.ofLocal(Path.of(location.path()));
    if (allowedRoots.isEmpty()) {
      return normalised;
    }
    Path path = normalised.toPath();
    Path real;
    try {
      real = realPathOfNearestExisting(path);
    } catch (IOException e) {
      throw new AccessDeniedException(normalised, "cannot resolve the real path (" + e.getMessage() + ")");
    }
    for (String root : allowedRoots) {
      Path rootPath = Path.of(root).toAbsolutePath().normalize();
      Path rootReal;
      try {
        rootReal = realPathOfNearestExisting(rootPath);
      } catch (IOException e) {
        continue; // a root that cannot be resolved admits nothing
      }
      // Both tests: the name as written must not climb out, and neither may a symlink on the way.
      boolean namedInside = path.startsWith(rootPath) || path.startsWith(rootReal);
      if (namedInside && real.startsWith(rootReal)) {
        return normalised;
      }
    }
    throw new AccessDeniedException(
        normalised,
        path.equals(real)
            ? "path is outside the allowed folders"
            : "path resolves (through a symbolic link) to " + real + ", outside the allowed folders");
  }

  /**
   * The real path of {@code path}, or for a path not yet written, the real path of its nearest
   * existing ancestor with the missing tail appended: a file about to be created under a symlinked
   * folder is judged by where it would really land.
   */
  static Path realPathOfNearestExisting(Path path) throws IOException {
    Path existing = path;
    Path tail = null;
    int hops = 0;
    while (existing != null) {
      if (Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
        if (Files.isSymbolicLink(existing) && !Files.exists(existing)) {
          // A dangling link: writing through it would create its target, wherever that is.
          if (++hops > MAX_LINK_HOPS) {
            throw new IOException("too many levels of symbolic links");
          }
          Path target = existing.resolveSibling(Files.readSymbolicLink(existing)).normalize();
          existing = tail == null ? target : target.resolve(tail);
          tail = null;
          continue;
        }
        Path real = existing.toRealPath();
        return tail == null ? real : real.resolve(tail).normalize();
      }
      Path name = existing.getFileName();
      if (name == null) {
        break;
      }
      tail = tail == null ? name : name.resolve(tail);
      existing = existing.getParent();
    }
    return path; // nothing exists, not even the file-system root: judge the name as written
  }

  // ---------------------------------------------------------------- S3

  private void checkS3(Location location) throws AccessDeniedException {
    if (allowedBuckets.isEmpty()) {
      return;
    }
    String bucket = location.authority();
    String key = location.path();
    List<String> prefixed = new ArrayList<>();
    for (String entry : allowedBuckets) {
      String e = entry.startsWith("s3://") ? entry.substring(5) : entry;
      int slash = e.indexOf('/');
      String entryBucket = slash < 0 ? e : e.substring(0, slash);
      String prefix = slash < 0 ? "" : stripSlashes(e.substring(slash + 1));
      if (!entryBucket.equals(bucket)) {
        continue;
      }
      if (prefix.isEmpty()) {
        return;
      }
      prefixed.add(prefix);
    }
    if (prefixed.isEmpty()) {
      throw new AccessDeniedException(location, "bucket '" + bucket + "' is not in the allowed buckets");
    }
    // Some S3-compatible stores map keys to files; '.' and '..' segments could leave the prefix there.
    for (String segment : key.split("/", -1)) {
      if (segment.equals("..") || segment.equals(".")) {
        throw new AccessDeniedException(location, "key has a '.' or '..' segment");
      }
    }
    String folder = stripSlashes(key);
    for (String prefix : prefixed) {
      // A prefix is a folder: 'data' admits 'data' and 'data/...', not 'database/...'.
      if (folder.equals(prefix) || folder.startsWith(prefix + "/")) {
        return;
      }
    }
    throw new AccessDeniedException(
        location, "key is outside the allowed prefixes " + prefixed + " of bucket '" + bucket + "'");
  }

  private static String stripSlashes(String s) {
    int start = 0;
    int end = s.length();
    while (start < end && s.charAt(start) == '/') {
      start++;
    }
    while (end > start && s.charAt(end - 1) == '/') {
      end--;
    }
    return s.substring(start, end);
  }

  // ---------------------------------------------------------------- HTTP(S)

  /**
   * Checks the host by name and by every address it resolves to. The JVM caches successful lookups
   * (networkaddress.cache.ttl, 30 s by default), so the HTTP client's own lookup moments later sees
   * the addresses judged here; {@link HttpBackend} also calls this again before every request and
   * every redirect hop, which bounds what a DNS-rebinding answer could slip through.
   */
  void checkHttp(Location location) throws AccessDeniedException {
    String authority = location.authority();
    if (authority.contains("@")) {
      throw new AccessDeniedException(location, "user info (credentials) in URLs is not allowed");
    }
    HostPort hostPort;
    try {
      hostPort = HostPort.parse(authority);
    } catch (IllegalArgumentException e) {
      throw new AccessDeniedException(location, e.getMessage());
    }
    String host = hostPort.host();
    if (METADATA_HOSTS.contains(host)) {
      throw new AccessDeniedException(location, "host '" + host + "' is a cloud metadata service");
    }
    boolean named = isNamed(hostPort, location.scheme());
    InetAddress[] addresses = null;
    if (isIpLiteral(host)) {
      // No DNS involved, so judge the address first: "cloud metadata" says more than "not listed".
      addresses = resolve(location, host);
      checkAddresses(location, host, addresses, true);
    }
    if (!allowedHosts.isEmpty() && !named) {
      throw new AccessDeniedException(location, "host '" + host + "' is not in the allowed hosts");
    }
    checkAddresses(location, host, addresses == null ? resolve(location, host) : addresses, named);
  }

  private static InetAddress[] resolve(Location location, String host) throws AccessDeniedException {
    try {
      return InetAddress.getAllByName(host);
    } catch (UnknownHostException e) {
      throw new AccessDeniedException(location, "host '" + host + "' does not resolve");
    }
  }

  /**
   * Denies any address of a kind that is never reachable, and, unless the host is {@code named} in
   * the allow-list, any loopback or private one.
   */
  private static void checkAddresses(Location location, String host, InetAddress[] addresses, boolean named)
      throws AccessDeniedException {
    for (InetAddress address : addresses) {
      AddressKind kind = AddressKind.of(address);
      if (kind.alwaysDenied()) {
        throw new AccessDeniedException(
            location, "host '" + host + "' resolves to " + describe(kind) + " address " + address.getHostAddress());
      }
      if (kind.needsExplicitHost() && !named) {
        throw new AccessDeniedException(
            location,
            "host '" + host + "' resolves to " + describe(kind) + " address " + address.getHostAddress()
                + "; name the host in the allowed hosts to permit it");
      }
    }
  }

  /** Host names cannot contain ':'; dotted-quad IPv4 is the only other literal form accepted. */
  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || IPV4_LITERAL.matcher(host).matches();
  }

  private boolean isNamed(HostPort hostPort, String scheme) {
    for (HostPort allowed : allowedHosts) {
      if (allowed.host().equals(hostPort.host())
          && (allowed.port() < 0 || allowed.port() == hostPort.portOr(scheme))) {
        return true;
      }
    }
    return false;
  }

  private static String describe(AddressKind kind) {
    return switch (kind) {
      case LOOPBACK -> "a loopback";
      case PRIVATE -> "a private-network";
      case LINK_LOCAL -> "a link-local";
      case CLOUD_METADATA -> "a cloud metadata";
      case ANY_LOCAL -> "a wildcard (this-host)";
      case MULTICAST -> "a multicast";
      case PUBLIC -> "a public";
    };
  }
}
