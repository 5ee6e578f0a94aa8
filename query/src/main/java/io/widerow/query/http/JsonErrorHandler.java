package io.widerow.query.http;

import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The errors Jetty answers itself (a request it cannot parse, an ambiguous URI, a failure outside
 * the handler) in the API's JSON shape instead of an HTML page, with no stack trace.
 */
final class JsonErrorHandler extends ErrorHandler {

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    int status =
        request.getAttribute(ERROR_STATUS) instanceof Integer s
            ? s
            : response.getStatus() >= 400 ? response.getStatus() : 500;
    Object message = request.getAttribute(ERROR_MESSAGE);
    Replies.write(response, callback, status, body(status, message));
    return true;
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    fields.put(HttpHeader.CONTENT_TYPE, Replies.JSON_TYPE);
    return ByteBuffer.wrap(body(status, reason));
  }

  private static byte[] body(int status, Object message) {
    String text = message == null ? HttpStatus.getMessage(status) : message.toString();
    String code = status >= 500 ? "internal" : "bad_request";
    return Replies.json(Replies.error(code, text));
  }
}
