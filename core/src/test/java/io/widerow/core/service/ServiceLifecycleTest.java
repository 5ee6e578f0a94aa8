package io.widerow.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ServiceLifecycleTest {

  @Test
  void firstFailureWinsAndIsRethrownToTheWaiter() {
    ServiceLifecycle lifecycle = new ServiceLifecycle("t");
    lifecycle.starting();
    lifecycle.running();
    lifecycle.fail(new IOException("first"));
    lifecycle.fail(new IllegalStateException("second"));
    assertThat(lifecycle.stopping()).isTrue();
    lifecycle.stopped();

    assertThat(lifecycle.state()).isEqualTo(ServiceLifecycle.State.FAILED);
    assertThatThrownBy(lifecycle::await).isInstanceOf(IOException.class).hasMessage("first");
  }

  @Test
  void onlyOneCallerGetsToStop() {
    ServiceLifecycle lifecycle = new ServiceLifecycle("t");
    lifecycle.starting();

    assertThat(lifecycle.stopping()).isTrue();
    assertThat(lifecycle.stopping()).isFalse();
    assertThat(lifecycle.running()).isFalse();
  }

  @Test
  void startingTwiceIsRefused() {
    ServiceLifecycle lifecycle = new ServiceLifecycle("t");
    lifecycle.starting();

    assertThatThrownBy(lifecycle::starting)
        .hasMessageContaining("cannot start from state STARTING");
  }
}
