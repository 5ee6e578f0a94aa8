package io.widerow.kafka;

import io.widerow.core.metrics.StageMetrics;
import io.widerow.core.pipeline.KafkaSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Several {@link ConsumeLoop}s in one consumer group, each on its own thread with its own consumer,
 * so that the partitions of a topic are worked on in parallel: while one worker waits for HBase or
 * Elasticsearch, another can poll and send. Kafka gives each partition to one worker at a time, so
 * the order within a partition and the commit-after-acknowledge rule (invariant 4) hold per worker
 * as they do for one loop. The handler is called from several threads at once and must be safe for
 * that.
 */
public final class ConsumerWorkers implements AutoCloseable {

  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final List<ConsumeLoop> loops;
  private final List<Thread> threads = new ArrayList<>();
  private final String name;

  private ConsumerWorkers(String name, List<ConsumeLoop> loops) {
    this.name = name;
    this.loops = List.copyOf(loops);
  }

  /**
   * @param workers how many consumers; more than the topic has partitions would leave some idle
   * @param clientId the prefix of each consumer's client id; worker {@code i} is {@code clientId-i}
   * @param instanceId this process among the stage's instances: worker {@code i} is then the static
   *     group member {@code instanceId-i}
   */
  public static ConsumerWorkers create(
      int workers,
      KafkaSpec bootstrap,
      String groupId,
      String clientId,
      Optional<String> instanceId,
      String topic,
      int maxPollRecords,
      ConsumeLoop.BatchHandler handler,
      StageMetrics metrics,
      ConsumeLoop.FailureListener onFailure) {
    if (workers < 1) {
      throw new IllegalArgumentException("workers must be at least 1, was " + workers);
    }
    List<ConsumeLoop> loops = new ArrayList<>(workers);
    for (int i = 0; i < workers; i++) {
      String id = clientId + "-" + i;
      int worker = i;
      Optional<String> member = instanceId.map(instance -> instance + "-" + worker);
      loops.add(
          new ConsumeLoop(
              member.orElse(id),
              KafkaClients.stageConsumer(
                  bootstrap,
                  groupId,
                  member.map(m -> clientId + "-" + m).orElse(id),
                  maxPollRecords,
                  member),
              topic,
              handler,
              metrics,
              onFailure));
    }
    return new ConsumerWorkers(clientId, loops);
  }

  /** Starts every worker on its own thread; a failing worker tells the failure listener. */
  public synchronized void start() {
    for (int i = 0; i < loops.size(); i++) {
      Thread t = new Thread(loops.get(i), name + "-" + i);
      threads.add(t);
      t.start();
    }
  }

  /** Records waiting in all workers' partitions; -1 while any worker's is unknown. */
  public long backlog() {
    long sum = 0;
    for (ConsumeLoop loop : loops) {
      long b = loop.backlog();
      if (b < 0) {
        return -1;
      }
      sum += b;
    }
    return sum;
  }

  /** Stops every worker, waiting up to 30 s for all. */
  @Override
  public void close() {
    stop(STOP_TIMEOUT);
  }

  /**
   * Tells every worker to stop and waits up to {@code timeout} for all; a worker that calls this
   * does not wait for itself.
   */
  public void stop(Duration timeout) {
    loops.forEach(ConsumeLoop::stop);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Thread> started;
    synchronized (this) {
      started = List.copyOf(threads);
    }
    for (Thread t : started) {
      if (t == Thread.currentThread()) {
        continue;
      }
      long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
      try {
        t.join(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
