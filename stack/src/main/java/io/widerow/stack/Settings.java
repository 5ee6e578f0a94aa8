package io.widerow.stack;

import java.util.Optional;

/**
 * Reads one launcher setting from a system property or, failing that, the environment variable of
 * the same name in upper case ({@code widerow.kafka.port} → {@code WIDEROW_KAFKA_PORT}), so the
 * CLI, failsafe and a shell can each set it their own way.
 */
final class Settings {

  private Settings() {}

  static Optional<String> string(String property) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      value = System.getenv(envName(property));
    }
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
  }

  static int port(String property, int defaultPort) {
    Optional<String> raw = string(property);
    if (raw.isEmpty()) {
      return defaultPort;
    }
    try {
      int port = Integer.parseInt(raw.get());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below with the key and the expectation
    }
    throw new IllegalArgumentException(
        property
            + " (or "
            + envName(property)
            + "): '"
            + raw.get()
            + "' is not a port; expected an integer 1..65535");
  }

  static long positiveLong(String property, long defaultValue) {
    Optional<String> raw = string(property);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      long value = Long.parseLong(raw.get());
      if (value > 0) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the key and the expectation
    }
    throw new IllegalArgumentException(
        property + ": '" + raw.get() + "' is not valid; expected a positive integer");
  }

  static String envName(String property) {
    return property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_');
  }
}
