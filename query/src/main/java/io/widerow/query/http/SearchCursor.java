package io.widerow.query.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.List;

/**
 * The {@code search_after} cursor a page hands out as {@code next}: the last hit's sort values as a
 * JSON array, base64url-encoded so that it travels in a URL untouched. Opaque to callers.
 */
final class SearchCursor {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<Object>> VALUES = new TypeReference<>() {};

  private SearchCursor() {}

  static String encode(List<Object> sortValues) {
    try {
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(JSON.writeValueAsBytes(sortValues));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("sort values are JSON scalars", e);
    }
  }

  static List<Object> decode(String cursor, int expectedValues) {
    List<Object> values;
    try {
      values = JSON.readValue(Base64.getUrlDecoder().decode(cursor), VALUES);
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw ApiException.badRequest(
          "search_after: not a cursor this API handed out; pass the 'next' of the previous page");
    }
    if (values == null || values.size() != expectedValues) {
      throw ApiException.badRequest(
          "search_after: the cursor belongs to another sort; pass the same sort as the page that"
              + " handed it out");
    }
    return values;
  }
}
