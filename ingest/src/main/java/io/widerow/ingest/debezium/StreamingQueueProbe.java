package io.widerow.ingest.debezium;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * Reads, from the JMX metrics each Debezium engine registers, how many change events wait in the
 * engines' queues for this service: the "work waiting" of ingest's progress health check.
 */
public final class StreamingQueueProbe {

  private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
  private final List<ObjectName> patterns;

  public StreamingQueueProbe(Pipeline pipeline) {
    this.patterns = pipeline.sources().stream().map(s -> pattern(pipeline, s)).toList();
  }

  /** Events read from the binlog (or snapshot) and not yet taken by ingest; 0 when unknown. */
  public long queued() {
    long queued = 0;
    for (ObjectName pattern : patterns) {
      Set<ObjectName> names = server.queryNames(pattern, null);
      for (ObjectName name : names) {
        queued += queueLength(name);
      }
    }
    return queued;
  }

  private long queueLength(ObjectName name) {
    try {
      long total = ((Number) server.getAttribute(name, "QueueTotalCapacity")).longValue();
      long remaining = ((Number) server.getAttribute(name, "QueueRemainingCapacity")).longValue();
      return Math.max(0, total - remaining);
    } catch (Exception gone) {
      // The engine closed between the query and the read: nothing waits in it.
      return 0;
    }
  }

  // Debezium names its beans <connector>:type=connector-metrics,context=<snapshot|streaming>,
  // server=<topic.prefix>[,task=..]; the domain differs per connector, so it is left open.
  private static ObjectName pattern(Pipeline pipeline, Source source) {
    try {
      // Unquoted: Debezium registers the prefix as is (pipeline names are [a-z0-9_.] only).
      return new ObjectName(
          "*:type=connector-metrics,server="
              + EngineProperties.topicPrefix(pipeline, source)
              + ",*");
    } catch (MalformedObjectNameException e) {
      throw new IllegalStateException("bad JMX pattern for source " + source.name(), e);
    }
  }
}
