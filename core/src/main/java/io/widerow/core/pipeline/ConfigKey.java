package io.widerow.core.pipeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One key of the pipeline file as {@link PipelineKeys} defines it: where it sits, what it takes,
 * what it defaults to and what it is for. The loader reads the file only through these, and
 * docs/configuration.md is generated from them.
 *
 * @param path where the key sits, as in {@code sources[].port} or {@code tables.<table>.key}:
 *     {@code []} stands for every element of a list, {@code <table>} for every name of a mapping
 * @param parent the path of the mapping that holds the key; empty for the file's own keys
 * @param name the key as written in the file
 * @param members the path of the mappings this key holds (itself, each element or each entry);
 *     empty when it holds none
 */
record ConfigKey(
    String path,
    String parent,
    String name,
    Type type,
    Default defaults,
    Validator validator,
    String members,
    String doc) {

  /** What the key takes, in the words an error about its value uses. */
  String expected() {
    return switch (type) {
      case LIST -> "a non-empty list of " + validator.allowed();
      case LIST_OF_MAPPINGS -> "a non-empty list, each " + validator.allowed();
      case NAMED_MAPPINGS -> "a non-empty mapping from name to " + validator.allowed();
      case NAMED_VALUES -> "a non-empty mapping from " + validator.allowed();
      default -> validator.allowed();
    };
  }

  /** The constant an absent integer key takes. */
  int defaultInt() {
    return (Integer)
        defaults
            .value()
            .orElseThrow(() -> new IllegalStateException(path + " has no constant default"));
  }

  /** What a key's value is, as the reference names it. */
  enum Type {
    STRING("string"),
    INTEGER("integer"),
    BOOLEAN("boolean"),
    LIST("list of strings"),
    MAPPING("mapping"),
    LIST_OF_MAPPINGS("list of mappings"),
    NAMED_MAPPINGS("mapping of names to mappings"),
    NAMED_VALUES("mapping of names to values or lists of values"),
    PROPERTIES("mapping of setting names to values");

    private final String text;

    Type(String text) {
      this.text = text;
    }

    String text() {
      return text;
    }
  }

  /**
   * What an absent key means.
   *
   * @param required whether leaving the key out is an error (where it applies)
   * @param value the value the loader takes when the key is absent, if it is a constant
   * @param text what the reference says
   */
  record Default(boolean required, Optional<Object> value, String text) {

    static final Default REQUIRED = new Default(true, Optional.empty(), "required");

    static Default of(Object value) {
      return new Default(false, Optional.of(value), String.valueOf(value));
    }

    /** Optional; the loader works out what absence means, as {@code text} says. */
    static Default absentMeans(String text) {
      return new Default(false, Optional.empty(), text);
    }

    /** Required only where {@code text} says, e.g. in one of two forms of a mapping. */
    static Default requiredWhere(String text) {
      return new Default(true, Optional.empty(), text);
    }
  }

  /** What values a key takes; {@link #allowed()} is the wording both errors and the docs use. */
  sealed interface Validator {

    String allowed();

    /** An integer in {@code min..max}; {@code maxText} names a maximum that is another key. */
    record Range(long min, long max, Optional<String> maxText) implements Validator {

      @Override
      public String allowed() {
        return maxText.map(m -> "an integer in " + min + ".." + m).orElse(allowed(max));
      }

      String allowed(long actualMax) {
        return actualMax == Integer.MAX_VALUE || actualMax == Long.MAX_VALUE
            ? "an integer >= " + min
            : "an integer in " + min + ".." + actualMax;
      }
    }

    /** A value matching {@code pattern}. */
    record Matching(Pattern pattern, String allowed) implements Validator {}

    /** One constant of an enum, written in lowercase. */
    record OneOf(Class<? extends Enum<?>> type) implements Validator {

      @Override
      public String allowed() {
        return "one of: "
            + Arrays.stream(type.getEnumConstants())
                .map(OneOf::lowercase)
                .collect(Collectors.joining(", "));
      }

      // SCALED_FLOAT is written scaled_float (as Elasticsearch names it); an enum that is
      // Hyphenated, such as MySQL's ssl-mode, is written with hyphens: VERIFY_CA is verify-ca.
      static String lowercase(Enum<?> constant) {
        String lower = constant.name().toLowerCase(Locale.ROOT);
        return constant instanceof Hyphenated ? lower.replace('_', '-') : lower;
      }
    }

    /** Marks an enum whose constants the pipeline file writes with hyphens, not underscores. */
    interface Hyphenated {}

    /** A rule the section that reads the key checks itself; {@code allowed} describes it. */
    record Described(String allowed) implements Validator {}
  }
}
