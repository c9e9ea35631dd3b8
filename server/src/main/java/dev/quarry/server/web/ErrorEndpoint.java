package dev.quarry.server.web;

import dev.quarry.server.auth.ErrorResponses;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where the servlet container forwards errors raised outside Spring MVC's handlers
 * (a filter's exception, a {@code sendError} from Tomcat once it knows the application): the same
 * {@link ApiError} JSON as every other error, whatever the client accepts, in place of Spring
 * Boot's own error body. Never echoes an exception's message.
 */
@RestController
public class ErrorEndpoint implements ErrorController {

  @RequestMapping("/error")
  public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    if (!(code instanceof Integer c)) {
      // Asked for directly: not an error page anyone should see.
      ErrorResponses.write(response, HttpStatus.NOT_FOUND, "no such route", request.getRequestURI());
      return;
    }
    HttpStatus status = HttpStatus.resolve(c);
    if (status == null || !status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    String detail;
    if (status.is5xxServerError()) {
      detail = "internal error";
    } else if (status == HttpStatus.BAD_REQUEST) {
      detail = "the request was rejected: its path or headers are not valid";
    } else {
      detail = status.getReasonPhrase();
    }
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    response.resetBuffer();
    ErrorResponses.write(response, status, detail, uri instanceof String s ? s : null);
  }
}
