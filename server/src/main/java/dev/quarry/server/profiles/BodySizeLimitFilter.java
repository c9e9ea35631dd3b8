package dev.quarry.server.profiles;

import dev.quarry.server.web.ApiError;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Caps JSON request bodies of the job routes at {@value #MAX_BYTES} bytes: a declared larger
 * length gets 413 before anything is read; a chunked body that grows past it fails to parse (400).
 * Specs are small; nothing legitimate comes close.
 */
@Component
public class BodySizeLimitFilter extends OncePerRequestFilter {

  static final long MAX_BYTES = 2L * 1024 * 1024;

  private final JsonMapper json;

  public BodySizeLimitFilter(JsonMapper json) {
    this.json = json;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String uri = request.getRequestURI();
    return !(uri.startsWith("/profiler/") || uri.startsWith("/api/v1/profiles")
        || uri.startsWith("/api/v1/datasets") || uri.startsWith("/api/v1/jobs"));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if (request.getContentLengthLong() > MAX_BYTES) {
      response.setStatus(413);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setHeader("Connection", "close");
      response.getWriter().write(json.writeValueAsString(new ApiError(413, "Content Too Large",
          "the request body is larger than " + MAX_BYTES + " bytes", null, request.getRequestURI(),
          Instant.now())));
      return;
    }
    chain.doFilter(new Limited(request), response);
  }

  /** A request whose body stream fails once more than {@link #MAX_BYTES} were read. */
  private static final class Limited extends HttpServletRequestWrapper {
    private ServletInputStream limited;

    Limited(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (limited == null) {
        ServletInputStream in = super.getInputStream();
        limited = new ServletInputStream() {
          private long read;

          @Override
          public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
              count(1);
            }
            return b;
          }

          @Override
          public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
              count(n);
            }
            return n;
          }

          private void count(long n) throws IOException {
            read += n;
            if (read > MAX_BYTES) {
              throw new IOException("the request body is larger than " + MAX_BYTES + " bytes");
            }
          }

          @Override
          public boolean isFinished() {
            return in.isFinished();
          }

          @Override
          public boolean isReady() {
            return in.isReady();
          }

          @Override
          public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
          }
        };
      }
      return limited;
    }
  }
}
