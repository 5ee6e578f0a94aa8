package io.widerow.e2e;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The seeded order and timing of the crash test's faults: each service killed {@code killsEach}
 * times, each stack server (Kafka, HBase, Elasticsearch) stopped and started once, shuffled, each
 * after a random pause. The same seed gives the same plan, so a failing run can be repeated.
 */
final class CrashPlan {

  static final List<String> SERVICES = List.of("ingest", "merger", "indexer");
  static final List<String> SERVERS = List.of("kafka", "hbase", "elasticsearch");

  /**
   * A SIGKILL of a service, or a stop and start of a stack server, after {@code pauseBefore}.
   *
   * @param whileStarting the pause counts from the service's (re)start rather than from the moment
   *     it is up, so the kill may hit start-up: JVM start, consumer group join, CDC engine start
   * @param restartAfter how long a killed service stays down before it is started again
   */
  record Fault(
      String target,
      boolean server,
      boolean whileStarting,
      Duration pauseBefore,
      Duration restartAfter) {

    Fault(String target, boolean server, boolean whileStarting, Duration pauseBefore) {
      this(target, server, whileStarting, pauseBefore, Duration.ZERO);
    }

    @Override
    public String toString() {
      return (server ? "restart " : "kill -9 ")
          + target
          + " "
          + pauseBefore.toMillis()
          + " ms after it "
          + (server || !whileStarting ? "is up" : "was started")
          + (restartAfter.isZero()
              ? ""
              : ", started again " + restartAfter.toMillis() + " ms later");
    }
  }

  private CrashPlan() {}

  /**
   * @param servers the stack servers to stop and start once each, some of {@link #SERVERS}
   * @param minPause shortest pause before a fault; a kill right after a restart hits a service that
   *     is still starting, which is one of the moments worth testing
   */
  static List<Fault> of(
      long seed, int killsEach, List<String> servers, Duration minPause, Duration maxPause) {
    Random random = new Random(seed);
    List<String[]> targets = new ArrayList<>();
    for (String s : SERVICES) {
      for (int i = 0; i < killsEach; i++) {
        targets.add(new String[] {s, "service"});
      }
    }
    servers.forEach(s -> targets.add(new String[] {s, "server"}));
    Collections.shuffle(targets, random);
    long spread = maxPause.toMillis() - minPause.toMillis();
    List<Fault> faults = new ArrayList<>();
    for (String[] t : targets) {
      long pause = minPause.toMillis() + (long) (random.nextDouble() * spread);
      boolean whileStarting = random.nextInt(4) == 0;
      faults.add(new Fault(t[0], t[1].equals("server"), whileStarting, Duration.ofMillis(pause)));
    }
    return List.copyOf(faults);
  }
}
