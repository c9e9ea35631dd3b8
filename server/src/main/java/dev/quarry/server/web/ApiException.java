package dev.quarry.server.web;

import org.springframework.http.HttpStatus;

/** A client error with its status and a message naming what is wrong. */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final String field;

  public ApiException(HttpStatus status, String message) {
    this(status, message, null);
  }

  public ApiException(HttpStatus status, String message, String field) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public HttpStatus status() {
    return status;
  }

  public String field() {
    return field;
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, what);
  }

  public static ApiException badRequest(String message, String field) {
    return new ApiException(HttpStatus.BAD_REQUEST, message, field);
  }
}
