package io.widerow.ops;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** placeholder */
@Command(name = "snapshot")
public final class SnapshotCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    return 0;
  }
}
