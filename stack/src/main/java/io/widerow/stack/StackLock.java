package io.widerow.stack;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets one caller at a time start or stop the stack in a home directory: a CLI and a test run
 * starting together would otherwise both launch the same server. A file lock serialises processes;
 * the in-JVM lock serialises threads, which a file lock does not.
 */
final class StackLock implements AutoCloseable {

  private static final ReentrantLock IN_JVM = new ReentrantLock();
  private static final Logger LOG = LoggerFactory.getLogger(StackLock.class);

  private final FileChannel channel;
  private final FileLock lock;

  private StackLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static StackLock acquire(Path home) throws IOException, InterruptedException {
    IN_JVM.lockInterruptibly();
    try {
      Files.createDirectories(home);
      FileChannel channel =
          FileChannel.open(
              home.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock = channel.tryLock();
      if (lock == null) {
        LOG.info("waiting for another process that is starting or stopping the stack in {}", home);
        lock = channel.lock();
      }
      return new StackLock(channel, lock);
    } catch (IOException | RuntimeException e) {
      IN_JVM.unlock();
      throw e;
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
      channel.close();
    } finally {
      IN_JVM.unlock();
    }
  }
}
