package io.widerow.query.http;

/**
 * A request the API answers with an error: an HTTP status and a stable code a client can branch on,
 * with a message for a person.
 */
final class ApiException extends RuntimeException {

  private final int status;
  private final String code;

  ApiException(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }
}
