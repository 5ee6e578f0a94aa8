package io.widerow.testkit;

import io.widerow.stack.LocalStack;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StartResult;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the local stack once per test run and injects its {@link StackEndpoints}. Kept in the root
 * store, so every IT class shares one stack; when the run ends it stops only the servers it started
 * itself, leaving a stack that was already up (e.g. {@code ./widerow stack up}) running.
 *
 * <pre>{@code
 * @ExtendWith(LocalStackExtension.class)
 * class FooIT {
 *   @Test void something(StackEndpoints stack) { ... }
 * }
 * }</pre>
 */
public final class LocalStackExtension implements BeforeAllCallback, ParameterResolver {

  private static final Namespace NAMESPACE = Namespace.create(LocalStackExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    running(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == StackEndpoints.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return running(context).stack.endpoints();
  }

  private static RunningStack running(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(RunningStack.class, k -> RunningStack.start(), RunningStack.class);
  }

  /** Closed by JUnit when the root context closes, i.e. after the last test of the run. */
  public static final class RunningStack implements ExtensionContext.Store.CloseableResource {

    private static final Logger LOG = LoggerFactory.getLogger(RunningStack.class);

    final LocalStack stack;
    private final List<String> startedHere;

    private RunningStack(LocalStack stack, List<String> startedHere) {
      this.stack = stack;
      this.startedHere = startedHere;
    }

    static RunningStack start() {
      LocalStack stack = LocalStack.fromEnvironment();
      try {
        List<StartResult> results = stack.up();
        results.forEach(
            r ->
                LOG.info(
                    "{} {} at {} (pid {}, {} ms)",
                    r.server(),
                    r.reused() ? "reused" : "started",
                    r.address(),
                    r.pid(),
                    r.took().toMillis()));
        return new RunningStack(
            stack, results.stream().filter(r -> !r.reused()).map(StartResult::server).toList());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while starting the local stack", e);
      } catch (Exception e) {
        throw new IllegalStateException(e.getMessage(), e);
      }
    }

    @Override
    public void close() throws Exception {
      if (!startedHere.isEmpty()) {
        LOG.info("stopping the servers this test run started: {}", startedHere);
        stack.stop(startedHere);
      }
    }
  }
}
