package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineYaml.demo;
import static org.assertj.core.api.Assertions.assertThat;

import io.widerow.core.pipeline.QuerySpec.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class QueryValidationTest {

  @Test
  void theDemoServesItsQueryApiOnLoopbackWithoutTokens() {
    QuerySpec query = demo().load().query().orElseThrow();
    assertThat(query.host()).isEqualTo("127.0.0.1");
    assertThat(query.port()).isEqualTo(28080);
    assertThat(query.auth()).isEqualTo(QuerySpec.Auth.LOOPBACK_ONLY);
    assertThat(query.tls()).isEmpty();
    assertThat(query.threads()).isEqualTo(8);
    assertThat(query.queue()).isEqualTo(64);
    assertThat(query.servedByIndexer()).isTrue();
    assertThat(query.limits()).isEqualTo(Limits.DEFAULT);
    assertThat(demo().load(Map.of("WIDEROW_QUERY_PORT", "0")).query().orElseThrow().port())
        .isZero();
  }

  @Test
  void withoutAQuerySectionNoProcessServesTheApi() {
    assertThat(demo().remove("query").load().query()).isEmpty();
  }

  @Test
  void tokensComeFromAVariableOrAFileAndTlsFromTwoFiles() {
    QuerySpec query =
        demo()
            .set(
                "query.auth",
                Map.of("tokensEnv", "WIDEROW_QUERY_TOKENS", "tokensFile", "/run/secrets/tokens"))
            .set("query.tls", Map.of("certFile", "/run/q.crt", "keyFile", "/run/q.key"))
            .set("query.host", "0.0.0.0")
            .set("query.servedByIndexer", false)
            .load()
            .query()
            .orElseThrow();
    assertThat(query.auth())
        .isEqualTo(
            new QuerySpec.Auth(
                Optional.of("WIDEROW_QUERY_TOKENS"),
                Optional.of(Path.of("/run/secrets/tokens")),
                false));
    assertThat(query.tls())
        .contains(new QuerySpec.Tls(Path.of("/run/q.crt"), Path.of("/run/q.key")));
    assertThat(query.host()).isEqualTo("0.0.0.0");
    assertThat(query.servedByIndexer()).isFalse();
  }

  @Test
  void anAuthThatGrantsNothingIsRefused() {
    assertThat(demo().set("query.auth", Map.of("loopbackWithoutToken", false)).errors())
        .containsExactly(
            "query.auth: grants no access; expected tokensEnv or tokensFile (or both), or"
                + " loopbackWithoutToken: true");
    assertThat(demo().remove("query.auth").errors())
        .containsExactly(
            "query.auth: missing; expected a mapping {tokensEnv, tokensFile,"
                + " loopbackWithoutToken}");
    assertThat(demo().set("query.auth", Map.of("tokensEnv", "the-tokens")).errors())
        .containsExactly(
            "query.auth.tokensEnv: 'the-tokens' is not valid; expected an environment variable"
                + " name matching [A-Za-z_][A-Za-z0-9_]* (the variable, not the password)");
  }

  @Test
  void tlsNeedsBothFiles() {
    assertThat(demo().set("query.tls", Map.of("certFile", "/run/q.crt")).errors())
        .containsExactly("query.tls.keyFile: missing; expected a file path");
  }

  @Test
  void limitsAreRangesThatFitEachOther() {
    Limits limits =
        demo()
            .set(
                "query.limits",
                Map.of(
                    "maxSize", 500,
                    "defaultSize", 50,
                    "searchTimeoutMs", 250,
                    "trackTotalHitsUpTo", 0,
                    "leadingWildcards", true))
            .load()
            .query()
            .orElseThrow()
            .limits();
    assertThat(limits).isEqualTo(new Limits(50, 500, 10_000, 100, Duration.ofMillis(250), 0, true));
    assertThat(demo().set("query.limits.maxSize", 20_000).errors())
        .containsExactly(
            "query.limits.maxSize: '20000' is not valid; expected an integer in 1..10000");
    assertThat(demo().set("query.limits.defaultSize", 101).errors())
        .containsExactly(
            "query.limits.defaultSize: '101' is not valid; expected an integer in 0..100");
    assertThat(demo().set("query.limits.searchTimeoutMs", 0).errors())
        .containsExactly(
            "query.limits.searchTimeoutMs: '0' is not valid; expected an integer in 1..600000");
  }

  @Test
  void portThreadsAndQueueAreRanges() {
    assertThat(demo().set("query.port", 70000).errors())
        .containsExactly("query.port: '70000' is not valid; expected an integer in 0..65535");
    assertThat(demo().set("query.threads", 0).errors())
        .containsExactly("query.threads: '0' is not valid; expected an integer in 1..256");
    assertThat(demo().set("query.queue", 0).load().query().orElseThrow().queue()).isZero();
  }

  @Test
  void anUnknownKeyNamesTheKnownOnes() {
    assertThat(demo().set("query.prot", 1).errors())
        .containsExactly(
            "query.prot: unknown key; did you mean 'port'? expected one of: host, port,"
                + " servedByIndexer, threads, queue, auth, tls, limits");
  }
}
