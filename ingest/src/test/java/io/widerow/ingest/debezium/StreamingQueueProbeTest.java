package io.widerow.ingest.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.change.IngestTestPipelines;
import io.widerow.core.pipeline.Pipeline;
import java.lang.management.ManagementFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamingQueueProbeTest {

  /** The attributes Debezium's streaming metrics bean exposes that the probe reads. */
  public interface QueueMetricsMXBean {
    int getQueueTotalCapacity();

    int getQueueRemainingCapacity();
  }

  private final Pipeline pipeline = IngestTestPipelines.orders();
  private ObjectName registered;

  @AfterEach
  void unregister() throws Exception {
    if (registered != null) {
      ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
    }
  }

  private void register(String name, int total, int remaining) throws Exception {
    registered = new ObjectName(name);
    QueueMetricsMXBean bean =
        new QueueMetricsMXBean() {
          @Override
          public int getQueueTotalCapacity() {
            return total;
          }

          @Override
          public int getQueueRemainingCapacity() {
            return remaining;
          }
        };
    ManagementFactory.getPlatformMBeanServer().registerMBean(bean, registered);
  }

  @Test
  void countsEventsWaitingInTheEnginesQueueUnderDebeziumsBeanName() throws Exception {
    String prefix = EngineProperties.topicPrefix(pipeline, pipeline.sources().get(0));
    register(
        "debezium.mariadb:type=connector-metrics,context=streaming,server=" + prefix + ",task=0",
        8192,
        8000);

    assertThat(new StreamingQueueProbe(pipeline).queued()).isEqualTo(192);
  }

  @Test
  void nothingWaitsWhileNoEngineHasRegisteredItsMetrics() {
    assertThat(new StreamingQueueProbe(pipeline).queued()).isZero();
  }
}
