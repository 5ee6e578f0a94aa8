package io.widerow.core.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in the values of a parsed pipeline file.
 *
 * <p>Substitution runs on the parsed tree, not on the text, so a variable's value is always one
 * plain string: it can never change the file's structure. A value of {@code ${NAME:-default}} takes
 * the default when NAME is unset or empty, as in a shell. Keys are never substituted.
 */
final class Placeholders {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern BODY =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?", Pattern.DOTALL);

  private final Map<String, String> env;
  private final ConfigErrors errors;

  private Placeholders(Map<String, String> env, ConfigErrors errors) {
    this.env = env;
    this.errors = errors;
  }

  /** A copy of {@code tree} with every placeholder replaced; unresolvable ones go to errors. */
  static JsonNode resolve(JsonNode tree, Map<String, String> env, ConfigErrors errors) {
    return new Placeholders(env, errors).resolveNode("", tree);
  }

  private JsonNode resolveNode(String path, JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        copy.set(field.getKey(), resolveNode(Paths.key(path, field.getKey()), field.getValue()));
      }
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      for (int i = 0; i < node.size(); i++) {
        copy.add(resolveNode(Paths.index(path, i), node.get(i)));
      }
      return copy;
    }
    if (node.isTextual() && node.asText().contains("${")) {
      return TextNode.valueOf(resolveText(path, node.asText()));
    }
    return node;
  }

  private String resolveText(String path, String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder resolved = new StringBuilder();
    int literalStart = 0;
    while (matcher.find()) {
      checkClosed(path, text, text.substring(literalStart, matcher.start()));
      resolved.append(text, literalStart, matcher.start());
      resolved.append(valueOf(path, matcher.group()));
      literalStart = matcher.end();
    }
    checkClosed(path, text, text.substring(literalStart));
    return resolved.append(text.substring(literalStart)).toString();
  }

  private String valueOf(String path, String placeholder) {
    Matcher body = BODY.matcher(placeholder.substring(2, placeholder.length() - 1));
    if (!body.matches()) {
      errors.invalid(
          path,
          ConfigErrors.quote(placeholder),
          "${NAME} or ${NAME:-default}, NAME a variable name");
      return placeholder;
    }
    String name = body.group(1);
    String defaultValue = body.group(2);
    String value = env.get(name);
    if (defaultValue != null) {
      return value == null || value.isEmpty() ? defaultValue : value;
    }
    if (value == null) {
      errors.add(
          path,
          "environment variable "
              + name
              + " is not set; expected it set, or a default as in ${"
              + name
              + ":-value}");
      return placeholder;
    }
    return value;
  }

  private void checkClosed(String path, String text, String literal) {
    if (literal.contains("${")) {
      errors.invalid(path, ConfigErrors.quote(text), "every ${ closed by } as in ${NAME:-default}");
    }
  }
}
