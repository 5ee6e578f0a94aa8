package io.widerow.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Unpacks a zip with {@code java.util.zip}, keeping the Unix permission bits that {@code ZipEntry}
 * does not expose: they are read from the central directory (external attributes, high 16 bits).
 */
public final class ZipArchive {

  private static final int EOCD_SIGNATURE = 0x06054b50;
  private static final int CENTRAL_SIGNATURE = 0x02014b50;

  private ZipArchive() {}

  public static void unpack(Path zip, Path target) throws IOException {
    Map<String, Integer> modes = unixModes(zip);
    Path root = target.toAbsolutePath().normalize();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        Path out = root.resolve(entry.getName()).normalize();
        if (!out.startsWith(root)) {
          throw new IOException("zip entry escapes the target directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, out);
        }
        Integer mode = modes.get(entry.getName());
        if (mode != null && (mode & 0111) != 0) {
          Set<PosixFilePermission> perms = Files.getPosixFilePermissions(out);
          perms.addAll(
              Set.of(
                  PosixFilePermission.OWNER_EXECUTE,
                  PosixFilePermission.GROUP_EXECUTE,
                  PosixFilePermission.OTHERS_EXECUTE));
          Files.setPosixFilePermissions(out, perms);
        }
      }
    }
  }

  /** Entry name → Unix mode, for entries written on Unix (version made by, high byte 3). */
  static Map<String, Integer> unixModes(Path zip) throws IOException {
    Map<String, Integer> modes = new HashMap<>();
    try (RandomAccessFile raf = new RandomAccessFile(zip.toFile(), "r")) {
      ByteBuffer cd = centralDirectory(raf, zip);
      while (cd.remaining() >= 46 && cd.getInt(cd.position()) == CENTRAL_SIGNATURE) {
        int start = cd.position();
        int madeBy = Short.toUnsignedInt(cd.getShort(start + 4));
        int nameLength = Short.toUnsignedInt(cd.getShort(start + 28));
        int extraLength = Short.toUnsignedInt(cd.getShort(start + 30));
        int commentLength = Short.toUnsignedInt(cd.getShort(start + 32));
        int external = cd.getInt(start + 38);
        byte[] name = new byte[nameLength];
        cd.get(start + 46, name);
        if ((madeBy >> 8) == 3) {
          modes.put(new String(name, StandardCharsets.UTF_8), (external >>> 16) & 07777);
        }
        cd.position(start + 46 + nameLength + extraLength + commentLength);
      }
    }
    return modes;
  }

  private static ByteBuffer centralDirectory(RandomAccessFile raf, Path zip) throws IOException {
    // The end record sits in the last 22 bytes plus an optional comment of up to 64 KiB.
    int tailSize = (int) Math.min(raf.length(), 22 + 65535);
    byte[] tail = new byte[tailSize];
    raf.seek(raf.length() - tailSize);
    raf.readFully(tail);
    ByteBuffer buf = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = tailSize - 22; i >= 0; i--) {
      if (buf.getInt(i) == EOCD_SIGNATURE) {
        long size = Integer.toUnsignedLong(buf.getInt(i + 12));
        long offset = Integer.toUnsignedLong(buf.getInt(i + 16));
        byte[] cd = new byte[(int) size];
        raf.seek(offset);
        raf.readFully(cd);
        return ByteBuffer.wrap(cd).order(ByteOrder.LITTLE_ENDIAN);
      }
    }
    throw new IOException(zip + " has no zip end-of-central-directory record");
  }
}
