package io.widerow.ingest;

import com.codahale.metrics.health.HealthCheck;
import java.util.ArrayList;
import java.util.List;

/**
 * Each source's lease: held (its engine runs here) or standby (another ingest runs it and this one
 * is ready to take over), both healthy; a lost lease is not, and the service then stops.
 */
final class LeasesHealthCheck extends HealthCheck {

  private final List<LeaseKeeper> keepers;

  LeasesHealthCheck(List<LeaseKeeper> keepers) {
    this.keepers = keepers;
  }

  @Override
  protected Result check() {
    List<String> states = new ArrayList<>();
    boolean lost = false;
    for (LeaseKeeper k : keepers) {
      LeaseKeeper.State state = k.state();
      lost |= state == LeaseKeeper.State.LOST;
      states.add(k.source() + ": " + describe(k, state));
    }
    String all = String.join("; ", states);
    return lost ? Result.unhealthy("leases: %s", all) : Result.healthy("leases: %s", all);
  }

  private static String describe(LeaseKeeper k, LeaseKeeper.State state) {
    return switch (state) {
      case HELD -> k.mayWrite() ? "held" : "held, renewal overdue";
      case STANDBY -> "standby, held by " + k.holder().orElse("nobody");
      case LOST -> "lost";
      case RELEASED -> "released";
    };
  }
}
