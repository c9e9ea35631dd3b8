package dev.quarry.server.web;

import dev.quarry.server.auth.ErrorResponses;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Errors that Tomcat answers itself, before any servlet, filter or Spring handler sees the request,
 * as {@link ApiError} JSON instead of Tomcat's HTML page. Such a request names no application at
 * all: a path Tomcat refuses to decode (an encoded slash {@code %2F} or backslash, a {@code ..}
 * that climbs above the root, a malformed {@code %} escape, a NUL byte). Tomcat still refuses
 * these, exactly as before; only the body of its answer changes. Errors raised inside the
 * application keep going through {@link ApiExceptionHandler} and Spring's {@code /error}.
 *
 * <p>Tomcat's reason is not echoed (it may quote the input); the path is, JSON-escaped, as in
 * every other error.
 */
public class JsonErrorReportValve extends ErrorReportValve {

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int code = response.getStatus();
    // As Tomcat's own report: only errors, only when nothing was written, and only once.
    if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(false);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    HttpStatus status = HttpStatus.resolve(code);
    if (status == null) {
      status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
    }
    String detail = status == HttpStatus.BAD_REQUEST
        ? "the request was rejected by the web server: its path or headers are not valid "
            + "(encoded slashes, '..' above the root and malformed escapes are refused)"
        : status.getReasonPhrase();
    try {
      response.setContentType("application/json");
      response.setCharacterEncoding("UTF-8");
      PrintWriter writer = response.getReporter();
      if (writer != null) {
        writer.write(ErrorResponses.json(status, detail, request.getRequestURI()));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The client is gone, or the response cannot be written: nothing more to do.
    }
  }
}
