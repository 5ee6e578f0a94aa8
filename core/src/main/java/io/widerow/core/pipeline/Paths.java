package io.widerow.core.pipeline;

/** Key paths as errors print them: {@code tables.order_item.version}, {@code sources[0].port}. */
final class Paths {

  private Paths() {}

  static String key(String parent, String key) {
    return parent.isEmpty() ? key : parent + "." + key;
  }

  static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
