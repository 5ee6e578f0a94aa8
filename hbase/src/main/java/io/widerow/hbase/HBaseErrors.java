package io.widerow.hbase;

import io.widerow.core.retry.Causes;
import org.apache.hadoop.hbase.NamespaceNotFoundException;
import org.apache.hadoop.hbase.TableNotFoundException;
import org.apache.hadoop.hbase.security.AccessDeniedException;

/** HBase failures that no retry can mend: access denied, the table or namespace gone. */
public final class HBaseErrors {

  private HBaseErrors() {}

  public static boolean isFatal(Throwable t) {
    return Causes.anyMatch(
        t,
        c ->
            c instanceof AccessDeniedException
                || c instanceof TableNotFoundException
                || c instanceof NamespaceNotFoundException);
  }
}
