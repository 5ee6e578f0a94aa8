package io.widerow.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Who this JVM runs as: servers that refuse root need to be run as another user. */
public final class OsUser {

  private static final Pattern UID = Pattern.compile("^Uid:\\s+(\\d+)", Pattern.MULTILINE);

  private OsUser() {}

  public static boolean isRoot() {
    try {
      Matcher m = UID.matcher(Files.readString(Path.of("/proc/self/status")));
      return m.find() && m.group(1).equals("0");
    } catch (IOException e) {
      return "root".equals(System.getProperty("user.name"));
    }
  }
}
