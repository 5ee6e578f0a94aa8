package io.widerow.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class LifecycleServiceTest {

  private final List<String> closed = new CopyOnWriteArrayList<>();

  @Test
  void failureOnAStageThreadStopsTheServiceClosingEachResourceInReverseOrder() throws Exception {
    TestService service = new TestService(closer -> open(closer, "store", "producer", "workers"));
    service.start();
    assertThat(service.state()).isEqualTo(ServiceLifecycle.State.RUNNING);

    Thread stage = new Thread(() -> service.fail(new IOException("hbase is gone")));
    stage.start();

    assertThatThrownBy(service::awaitStop)
        .isInstanceOf(IOException.class)
        .hasMessage("hbase is gone");
    assertThat(closed).containsExactly("workers", "producer", "store");
    assertThat(service.state()).isEqualTo(ServiceLifecycle.State.FAILED);
  }

  @Test
  void firstFailureWins() throws Exception {
    TestService service = new TestService(closer -> open(closer, "store"));
    service.start();

    service.fail(new IOException("first"));
    service.fail(new IllegalStateException("second"));

    assertThatThrownBy(service::awaitStop).isInstanceOf(IOException.class).hasMessage("first");
    assertThat(service.failure()).containsInstanceOf(IOException.class);
  }

  @Test
  void failingOpenClosesWhatHadOpenedAndRethrows() {
    TestService service =
        new TestService(
            closer -> {
              open(closer, "store");
              throw new IOException("kafka refused");
            });

    assertThatThrownBy(service::start).isInstanceOf(IOException.class).hasMessage("kafka refused");
    assertThat(closed).containsExactly("store");
    assertThat(service.state()).isEqualTo(ServiceLifecycle.State.FAILED);
    assertThat(service.failure()).isPresent();
  }

  @Test
  void stopDuringOpenAlsoClosesWhatOpenedAfterIt() throws Exception {
    TestService[] self = new TestService[1];
    self[0] =
        new TestService(
            closer -> {
              open(closer, "store");
              self[0].stop(); // a SIGTERM while starting
              open(closer, "producer");
            });

    self[0].start();

    assertThat(closed).containsExactly("store", "producer");
    assertThat(self[0].state()).isEqualTo(ServiceLifecycle.State.STOPPED);
  }

  @Test
  void cleanStopLeavesNoFailureAndClosesOnce() throws Exception {
    TestService service = new TestService(closer -> open(closer, "store"));
    service.start();

    service.stop();
    service.stop();
    service.awaitStop();

    assertThat(closed).containsExactly("store");
    assertThat(service.failure()).isEmpty();
    assertThat(service.state()).isEqualTo(ServiceLifecycle.State.STOPPED);
  }

  private void open(NamedCloser closer, String... names) {
    for (String name : names) {
      closer.register(name, () -> closed.add(name));
    }
  }

  @FunctionalInterface
  private interface Opener {
    void open(NamedCloser closer) throws Exception;
  }

  /** A service whose stages are whatever the test opens. */
  private static final class TestService extends LifecycleService {
    private final Opener opener;

    TestService(Opener opener) {
      super("test", "test");
      this.opener = opener;
    }

    @Override
    protected void open(NamedCloser closer) throws Exception {
      opener.open(closer);
    }

    @Override
    protected String describeRunning() {
      return "nothing -> nowhere";
    }
  }
}
