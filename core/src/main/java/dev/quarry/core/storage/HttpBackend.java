package dev.quarry.core.storage;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Read-only HTTP(S). Redirects are followed by hand (at most {@value #MAX_REDIRECTS}) so that each
 * target passes the access policy first; the policy is also re-run before every request, which
 * narrows DNS rebinding to the JVM's DNS cache window (see {@link AccessPolicy#checkHttp}).
 *
 * <p>HTTP has no listing: {@link #list} is refused rather than answering with the one URL, so a
 * caller that expected a folder (and would otherwise get, say, an HTML index page as "the data")
 * hears about it. Callers that handle files and folders alike should ask {@link #isDirectory}
 * first, which is always false here.
 *
 * <p>The timeout bounds connecting and waiting for response headers; java.net.http has no
 * per-read timeout for a body that stalls midway.
 */
final class HttpBackend implements StorageBackend {

  static final int MAX_REDIRECTS = 5;

  private static final Pattern CONTENT_RANGE = Pattern.compile("bytes\\s+(\\d+)-(\\d+)/(\\d+|\\*)");
  private static final Pattern UNSATISFIED_RANGE = Pattern.compile("bytes\\s+\\*/(\\d+)");

  private final AccessPolicy policy;
  private final HttpClient client;
  private final Duration timeout;

  HttpBackend(AccessPolicy policy, int timeoutMillis) {
    this.policy = policy;
    this.timeout = Duration.ofMillis(timeoutMillis);
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public InputFile newInputFile(Location location) throws IOException {
    return new HttpInputFile(this, stat(location));
  }

  @Override
  public boolean exists(Location location) throws IOException {
    try {
      stat(location);
      return true;
    } catch (HttpStatusException e) {
      if (e.isNotFound()) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean isDirectory(Location location) {
    return false;
  }

  @Override
  public List<FileStatus> list(Location location, ListOptions options) throws StorageException {
    throw new StorageException(
        location, "HTTP(S) locations cannot be listed (read-only, no folders); name each file", true);
  }

  @Override
  public OutputFile newOutputFile(Location location) throws StorageException {
    throw new StorageException(location, "HTTP(S) locations are read-only", true);
  }

  @Override
  public void delete(Location location) throws StorageException {
    throw new StorageException(location, "HTTP(S) locations are read-only", true);
  }

  /**
   * Nothing to release: on Java 17 java.net.http.HttpClient has no close(); its connections and
   * selector thread end once the client is unreachable.
   */
  @Override
  public void close() {}

  /** HEAD for size, date and ETag; a one-byte ranged GET when HEAD is refused or gives no length. */
  FileStatus stat(Location location) throws IOException {
    HttpResponse<InputStream> head = send(location, "HEAD", null);
    head.body().close();
    int code = head.statusCode();
    if (isSuccess(code)) {
      OptionalLong length = head.headers().firstValueAsLong("Content-Length");
      if (length.isPresent()) {
        return status(location, head, length.getAsLong());
      }
    } else if (code != 405 && code != 501) { // "HEAD not supported": try GET; anything else is final
      throw failure(location, code);
    }
    HttpResponse<InputStream> probe = send(location, "GET", "bytes=0-0");
    probe.body().close();
    code = probe.statusCode();
    if (code == 206) {
      Matcher m = CONTENT_RANGE.matcher(probe.headers().firstValue("Content-Range").orElse(""));
      long size = m.matches() && !"*".equals(m.group(3)) ? Long.parseLong(m.group(3)) : -1;
      return status(location, probe, size);
    }
    if (code == 416) { // bytes=0-0 of an empty resource
      Matcher m = UNSATISFIED_RANGE.matcher(probe.headers().firstValue("Content-Range").orElse(""));
      return status(location, probe, m.matches() ? Long.parseLong(m.group(1)) : 0);
    }
    if (isSuccess(code)) {
      return status(location, probe, probe.headers().firstValueAsLong("Content-Length").orElse(-1));
    }
    throw failure(location, code);
  }

  /** GET (with an optional Range) that must succeed; redirects followed. */
  HttpResponse<InputStream> get(Location location, String range) throws IOException {
    HttpResponse<InputStream> response = send(location, "GET", range);
    int code = response.statusCode();
    if (isSuccess(code) || (range != null && code == 416)) {
      return response;
    }
    response.body().close();
    throw failure(location, code);
  }

  /**
   * Sends the request, following redirects by hand: every hop is checked by the policy before it
   * is contacted, https never downgrades to http, and at most {@value #MAX_REDIRECTS} hops.
   */
  private HttpResponse<InputStream> send(Location location, String method, String range)
      throws IOException {
    Location current = location;
    for (int hop = 0; ; hop++) {
      policy.checkHttp(current);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(URI.create(current.uri()))
              .timeout(timeout)
              .method(method, HttpRequest.BodyPublishers.noBody());
      if (range != null) {
        request.header("Range", range);
      }
      HttpResponse<InputStream> response;
      try {
        response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException(current + ": interrupted");
      } catch (IOException e) {
        throw new StorageException(current, method + " failed: " + e, false, e);
      }
      if (!isRedirect(response.statusCode())) {
        return response;
      }
      response.body().close();
      if (hop >= MAX_REDIRECTS) {
        throw new StorageException(location, "more than " + MAX_REDIRECTS + " redirects", true);
      }
      current = redirectTarget(location, current, response);
    }
  }

  private Location redirectTarget(Location origin, Location current, HttpResponse<?> response)
      throws StorageException {
    Optional<String> header = response.headers().firstValue("Location");
    if (header.isEmpty()) {
      throw new StorageException(origin, "redirect (HTTP " + response.statusCode() + ") without a Location", false);
    }
    Location next;
    try {
      next = Location.parse(URI.create(current.uri()).resolve(header.get().strip()).toString());
    } catch (IllegalArgumentException e) {
      throw new StorageException(origin, "redirect to an unusable location: " + e.getMessage(), true, e);
    }
    if (!next.isHttp()) {
      throw new AccessDeniedException(origin, "redirect to a non-HTTP location " + next);
    }
    if (Location.HTTPS.equals(current.scheme()) && Location.HTTP.equals(next.scheme())) {
      throw new AccessDeniedException(origin, "redirect from https down to http " + next);
    }
    try {
      policy.checkHttp(next);
    } catch (AccessDeniedException e) {
      throw new AccessDeniedException(origin, "redirect refused: " + e.getMessage());
    }
    return next;
  }

  private static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  private static boolean isSuccess(int code) {
    return code >= 200 && code < 300;
  }

  private static StorageException failure(Location location, int code) {
    return new HttpStatusException(location, code);
  }

  private static FileStatus status(Location location, HttpResponse<?> response, long size) {
    Instant modified = response.headers().firstValue("Last-Modified").map(HttpBackend::httpDate).orElse(null);
    String etag = response.headers().firstValue("ETag").orElse(null);
    return new FileStatus(location, size, modified, etag);
  }

  private static Instant httpDate(String text) {
    try {
      return ZonedDateTime.parse(text.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null; // an unparsable date only costs the change detection a hint
    }
  }

  /** A non-success status, kept so callers can tell "not there" from other refusals. */
  static final class HttpStatusException extends StorageException {
    private final int status;

    HttpStatusException(Location location, int status) {
      super(location, describe(status), status < 500, null);
      this.status = status;
    }

    boolean isNotFound() {
      return status == 404 || status == 410;
    }

    int status() {
      return status;
    }

    private static String describe(int status) {
      return switch (status) {
        case 404, 410 -> "not found (HTTP " + status + ")";
        case 401, 403 -> "the server refused access (HTTP " + status + ")";
        default -> "request failed (HTTP " + status + ")";
      };
    }
  }

  private record HttpInputFile(HttpBackend backend, FileStatus status) implements InputFile {

    @Override
    public Location location() {
      return status.location();
    }

    @Override
    public InputStream newStream() throws IOException {
      return backend.get(location(), null).body();
    }

    @Override
    public InputStream openRange(long offset, long length) throws IOException {
      if (offset < 0 || length < -1) {
        throw new IllegalArgumentException("bad range: offset " + offset + ", length " + length);
      }
      long size = status.size();
      if (length == 0 || (size >= 0 && offset >= size)) {
        return InputStream.nullInputStream();
      }
      String range = length < 0 ? "bytes=" + offset + "-" : "bytes=" + offset + "-" + (offset + length - 1);
      HttpResponse<InputStream> response = backend.get(location(), range);
      InputStream body = response.body();
      switch (response.statusCode()) {
        case 206 -> {
          Matcher m = CONTENT_RANGE.matcher(response.headers().firstValue("Content-Range").orElse(""));
          if (m.matches() && Long.parseLong(m.group(1)) != offset) {
            body.close();
            throw new StorageException(
                location(), "server answered range " + m.group() + " for " + range, false);
          }
          return FileSlices.bounded(body, length);
        }
        case 416 -> {
          body.close();
          return InputStream.nullInputStream();
        }
        default -> {
          // The server ignored Range and sends everything: drop what precedes the range.
          try {
            body.skipNBytes(offset);
          } catch (EOFException e) {
            body.close();
            return InputStream.nullInputStream();
          } catch (IOException e) {
            body.close();
            throw e;
          }
          return FileSlices.bounded(body, length);
        }
      }
    }
  }
}
