package io.widerow.kafka;

import io.widerow.core.retry.Causes;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;

/** Kafka failures that no retry can mend: refused credentials or ACLs, an invalid topic. */
public final class KafkaErrors {

  private KafkaErrors() {}

  public static boolean isFatal(Throwable t) {
    return Causes.anyMatch(
        t,
        c ->
            c instanceof AuthenticationException
                || c instanceof AuthorizationException
                || c instanceof InvalidTopicException);
  }
}
