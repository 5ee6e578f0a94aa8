package io.widerow.query.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.widerow.core.pipeline.QuerySpec.Auth;
import io.widerow.query.auth.BearerTokens.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BearerTokensTest {

  private static final String ORDERS = "orders-token-0000001";
  private static final String OTHER = "other-token-00000001";

  private final BearerTokens tokens =
      BearerTokens.of(TokenTable.parse(ORDERS + " orders\n" + OTHER + " invoices", "t"), false);

  @Test
  void aTokenListedForThePipelineIsGranted() {
    assertThat(tokens.check("Bearer " + ORDERS, false, "orders")).isEqualTo(Verdict.GRANTED);
    assertThat(tokens.check("bearer " + ORDERS, false, "orders")).isEqualTo(Verdict.GRANTED);
  }

  @Test
  void noTokenIsMissingAndAnUnknownOneOrAnotherSchemeIsUnknown() {
    assertThat(tokens.check(null, false, "orders")).isEqualTo(Verdict.MISSING);
    assertThat(tokens.check("", true, "orders")).isEqualTo(Verdict.MISSING);
    assertThat(tokens.check("Bearer nope-nope-nope-nope", false, "orders"))
        .isEqualTo(Verdict.UNKNOWN);
    assertThat(tokens.check("Basic " + ORDERS, false, "orders")).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void aValidTokenWithoutThePipelineIsForbidden() {
    assertThat(tokens.check("Bearer " + OTHER, false, "orders")).isEqualTo(Verdict.FORBIDDEN);
  }

  @Test
  void loopbackNeedsNoTokenOnlyWhenAllowed() {
    BearerTokens open = BearerTokens.of(TokenTable.EMPTY, true);
    assertThat(open.check(null, true, "orders")).isEqualTo(Verdict.GRANTED);
    assertThat(open.check(null, false, "orders")).isEqualTo(Verdict.MISSING);
    // A token that is sent is checked, also from loopback.
    assertThat(open.check("Bearer " + ORDERS, true, "orders")).isEqualTo(Verdict.UNKNOWN);
  }

  @Test
  void tokensComeFromTheVariableTheFileNames() {
    Auth auth = new Auth(Optional.of("QUERY_TOKENS"), Optional.empty(), false);
    BearerTokens fromEnv = BearerTokens.load(auth, Map.of("QUERY_TOKENS", ORDERS + " orders")::get);
    assertThat(fromEnv.check("Bearer " + ORDERS, false, "orders")).isEqualTo(Verdict.GRANTED);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BearerTokens.load(auth, Map.<String, String>of()::get))
        .withMessage(
            "query.auth.tokensEnv: the variable QUERY_TOKENS is not set; expected token entries");
  }

  @Test
  void anUnreadableTokenFileStopsTheStart(@TempDir Path dir) {
    Path missing = dir.resolve("missing");
    Auth auth = new Auth(Optional.empty(), Optional.of(missing), false);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> BearerTokens.load(auth, Map.<String, String>of()::get))
        .withMessage(
            "query.auth.tokensFile '" + missing + "': cannot be read (NoSuchFileException)");
  }

  @Test
  void aChangedTokenFileIsReReadAndABrokenChangeKeepsTheOldTokens(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("tokens");
    Files.writeString(file, ORDERS + " orders\n");
    AtomicLong clock = new AtomicLong();
    TokenFile tokens = TokenFile.load(file, Duration.ofSeconds(5), clock::get);
    assertThat(tokens.current().pipelinesOf(ORDERS)).containsExactly("orders");

    Files.writeString(file, OTHER + " orders\n");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 10_000));
    assertThat(tokens.current().pipelinesOf(OTHER)).as("not yet looked at again").isEmpty();
    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(tokens.current().pipelinesOf(OTHER)).containsExactly("orders");
    assertThat(tokens.current().pipelinesOf(ORDERS)).isEmpty();

    Files.writeString(file, "half-written");
    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 20_000));
    clock.addAndGet(Duration.ofSeconds(5).toNanos());
    assertThat(tokens.current().pipelinesOf(OTHER)).containsExactly("orders");
  }
}
