package dev.quarry.server.auth;

import dev.quarry.server.web.ApiError;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an {@link ApiError} from a servlet filter. Filters run before Spring MVC, so its
 * exception handler cannot shape their errors; this keeps them in the same JSON form.
 */
public final class ErrorResponses {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ErrorResponses() {}

  public static void write(HttpServletResponse res, HttpStatus status, String detail, String path)
      throws IOException {
    res.setStatus(status.value());
    res.setContentType(MediaType.APPLICATION_JSON_VALUE);
    res.setCharacterEncoding("UTF-8");
    res.getWriter().write(json(status, detail, path));
  }

  /** An {@link ApiError} as JSON text. */
  public static String json(HttpStatus status, String detail, String path) {
    return JSON.writeValueAsString(
        new ApiError(status.value(), status.getReasonPhrase(), detail, null, path, Instant.now()));
  }
}
