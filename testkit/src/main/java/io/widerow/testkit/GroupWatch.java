package io.widerow.testkit;

import io.widerow.kafka.KafkaClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Watches consumer groups from outside, as an operator's dashboard would: each {@link #sample}
 * notes every group's state, member count and committed offset per partition, so that a test can
 * tell how long after a kill the group was working on every partition again.
 */
public final class GroupWatch implements AutoCloseable {

  /** One look at one group. */
  public record Sample(
      long atNanos, String group, String state, int members, Map<Integer, Long> committed) {}

  private final Admin admin;
  private final List<String> groups;
  private final List<Sample> samples = new ArrayList<>();

  public GroupWatch(String kafkaBootstrap, List<String> groups) {
    this.admin = KafkaClients.admin(kafkaBootstrap);
    this.groups = List.copyOf(groups);
  }

  /** Looks at every group once; a group the broker cannot describe now is skipped. */
  public void sample() {
    for (String group : groups) {
      try {
        ConsumerGroupDescription d =
            admin.describeConsumerGroups(List.of(group)).all().get(5, TimeUnit.SECONDS).get(group);
        Map<TopicPartition, OffsetAndMetadata> offsets =
            admin
                .listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(5, TimeUnit.SECONDS);
        Map<Integer, Long> committed = new HashMap<>();
        offsets.forEach(
            (tp, o) -> {
              if (o != null) {
                committed.put(tp.partition(), o.offset());
              }
            });
        synchronized (samples) {
          samples.add(
              new Sample(
                  System.nanoTime(),
                  group,
                  d.groupState().toString(),
                  d.members().size(),
                  Map.copyOf(committed)));
        }
      } catch (Exception e) {
        // the broker is busy or the group is forming: the next sample looks again
      }
    }
  }

  /** The samples of {@code group}, oldest first. */
  public List<Sample> samples(String group) {
    synchronized (samples) {
      return samples.stream().filter(s -> s.group().equals(group)).toList();
    }
  }

  /**
   * How long after {@code sinceNanos} every partition of {@code group} had committed past where it
   * stood then: the group was working on all of them again. Empty when it has not happened yet.
   */
  public Optional<Duration> allPartitionsMovedAfter(String group, long sinceNanos) {
    List<Sample> of = samples(group);
    Map<Integer, Long> before = null;
    for (Sample s : of) {
      if (s.atNanos() <= sinceNanos) {
        before = s.committed();
      } else if (before != null) {
        Map<Integer, Long> base = before;
        boolean all =
            !base.isEmpty()
                && base.entrySet().stream()
                    .allMatch(e -> s.committed().getOrDefault(e.getKey(), -1L) > e.getValue());
        if (all) {
          return Optional.of(Duration.ofNanos(s.atNanos() - sinceNanos));
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Per partition, how long after {@code sinceNanos} its committed offset first passed where it
   * stood then ("-" for never), and the offsets then and at the last sample: for a report.
   */
  public String partitionsAfter(String group, long sinceNanos) {
    List<Sample> of = samples(group);
    Map<Integer, Long> before = Map.of();
    Map<Integer, String> moved = new java.util.TreeMap<>();
    for (Sample s : of) {
      if (s.atNanos() <= sinceNanos) {
        before = s.committed();
        before.keySet().forEach(p -> moved.put(p, "-"));
      } else {
        for (var e : before.entrySet()) {
          if (moved.get(e.getKey()).equals("-")
              && s.committed().getOrDefault(e.getKey(), -1L) > e.getValue()) {
            moved.put(e.getKey(), String.format("%.1fs", (s.atNanos() - sinceNanos) / 1e9));
          }
        }
      }
    }
    Map<Integer, Long> last = of.isEmpty() ? Map.of() : of.get(of.size() - 1).committed();
    return "moved "
        + moved
        + " committed then "
        + new java.util.TreeMap<>(before)
        + " last "
        + new java.util.TreeMap<>(last);
  }

  /** The group's states between two moments, each change once: "Stable > PreparingRebalance". */
  public String statesBetween(String group, long fromNanos, long toNanos) {
    StringBuilder states = new StringBuilder();
    String last = null;
    for (Sample s : samples(group)) {
      if (s.atNanos() < fromNanos || s.atNanos() > toNanos) {
        continue;
      }
      String now = s.state() + "(" + s.members() + ")";
      if (!now.equals(last)) {
        states
            .append(states.length() == 0 ? "" : " > ")
            .append(now)
            .append(String.format(" +%.1fs", (s.atNanos() - fromNanos) / 1e9));
        last = now;
      }
    }
    return states.toString();
  }

  @Override
  public void close() {
    admin.close();
  }
}
