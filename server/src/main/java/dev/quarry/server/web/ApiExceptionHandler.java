package dev.quarry.server.web;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.databind.DatabindException;

/**
 * Every error becomes a JSON {@link ApiError}. Client mistakes get a 4xx naming the field or input at
 * fault; only our own faults are 500, and those never echo internals.
 */
@RestControllerAdvice
public class ApiExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<ApiError> api(ApiException e, HttpServletRequest r) {
    return error(e.status(), e.getMessage(), e.field(), r);
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ApiError> unreadable(HttpMessageNotReadableException e, HttpServletRequest r) {
    Throwable cause = e.getMostSpecificCause();
    if (cause instanceof DatabindException d && !d.getPath().isEmpty()) {
      String field = d.getPath().stream()
          .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
          .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse(null);
      return error(HttpStatus.BAD_REQUEST, "invalid value for '" + field + "': " + d.getOriginalMessage(),
          field, r);
    }
    return error(HttpStatus.BAD_REQUEST, "the request body is not valid JSON"
        + (cause.getMessage() == null ? "" : ": " + firstLine(cause.getMessage())), null, r);
  }

  @ExceptionHandler(MethodArgumentNotValidException.class)
  ResponseEntity<ApiError> invalid(MethodArgumentNotValidException e, HttpServletRequest r) {
    FieldError f = e.getBindingResult().getFieldError();
    String field = f == null ? null : f.getField();
    String msg = f == null ? "invalid request" : "'" + field + "' " + f.getDefaultMessage();
    return error(HttpStatus.BAD_REQUEST, msg, field, r);
  }

  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ApiError> invalidParameter(HandlerMethodValidationException e, HttpServletRequest r) {
    return error(HttpStatus.BAD_REQUEST, "invalid request parameter: " + firstLine(e.getMessage()), null, r);
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ApiError> missingParam(MissingServletRequestParameterException e, HttpServletRequest r) {
    return error(HttpStatus.BAD_REQUEST, "missing parameter '" + e.getParameterName() + "'",
        e.getParameterName(), r);
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<ApiError> missingHeader(MissingRequestHeaderException e, HttpServletRequest r) {
    return error(HttpStatus.BAD_REQUEST, "missing header '" + e.getHeaderName() + "'", null, r);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ApiError> mismatch(MethodArgumentTypeMismatchException e, HttpServletRequest r) {
    return error(HttpStatus.BAD_REQUEST, "invalid value for '" + e.getName() + "'", e.getName(), r);
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<ApiError> method(HttpRequestMethodNotSupportedException e, HttpServletRequest r) {
    return error(HttpStatus.METHOD_NOT_ALLOWED, e.getMessage(), null, r);
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<ApiError> mediaType(HttpMediaTypeNotSupportedException e, HttpServletRequest r) {
    return error(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json", null, r);
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<ApiError> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest r) {
    return error(HttpStatus.NOT_ACCEPTABLE, "cannot produce the requested media type", null, r);
  }

  @ExceptionHandler(NoResourceFoundException.class)
  ResponseEntity<ApiError> noResource(NoResourceFoundException e, HttpServletRequest r) {
    return error(HttpStatus.NOT_FOUND, "no such route", null, r);
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<ApiError> tooBig(MaxUploadSizeExceededException e, HttpServletRequest r) {
    return error(HttpStatus.CONTENT_TOO_LARGE, "the request is too large", null, r);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ApiError> unexpected(Exception e, HttpServletRequest r) {
    if (e instanceof org.springframework.web.ErrorResponse er) {
      HttpStatusCode code = er.getStatusCode();
      return error(HttpStatus.valueOf(code.value()), firstLine(String.valueOf(er.getBody().getDetail())), null, r);
    }
    LOG.error("unexpected error on {} {}", r.getMethod(), r.getRequestURI(), e);
    return error(HttpStatus.INTERNAL_SERVER_ERROR, "internal error", null, r);
  }

  public static ResponseEntity<ApiError> error(HttpStatus status, String detail, String field,
      HttpServletRequest r) {
    return ResponseEntity.status(status).body(new ApiError(status.value(), status.getReasonPhrase(),
        detail, field, r.getRequestURI(), Instant.now()));
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
