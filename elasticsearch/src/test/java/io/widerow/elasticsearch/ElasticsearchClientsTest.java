package io.widerow.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.widerow.core.pipeline.ElasticsearchSecurity;
import io.widerow.core.pipeline.PipelineConfigException;
import io.widerow.core.pipeline.Secret;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.http.Header;
import org.junit.jupiter.api.Test;

class ElasticsearchClientsTest {

  @Test
  void basicAuthAndApiKeyBecomeTheAuthorizationHeader() {
    ElasticsearchSecurity basic =
        new ElasticsearchSecurity(
            Optional.empty(),
            Optional.empty(),
            Optional.of("widerow"),
            Optional.of(Secret.env("elasticsearch.auth.passwordEnv", "PW")),
            Optional.empty());
    List<Header> headers = ElasticsearchClients.authHeaders(basic, Map.of("PW", "s3cret")::get);
    assertThat(headers)
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.getName()).isEqualTo("Authorization");
              assertThat(h.getValue()).isEqualTo("Basic d2lkZXJvdzpzM2NyZXQ=");
            });

    ElasticsearchSecurity apiKey =
        new ElasticsearchSecurity(
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(Secret.env("elasticsearch.auth.apiKeyEnv", "KEY")));
    assertThat(ElasticsearchClients.authHeaders(apiKey, Map.of("KEY", "aWQ6a2V5")::get))
        .singleElement()
        .satisfies(h -> assertThat(h.getValue()).isEqualTo("ApiKey aWQ6a2V5"));
  }

  @Test
  void credentialsInAHostUrlAndAnUnreadableCaAreBadConfig() {
    assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(() -> ElasticsearchClients.create(List.of(URI.create("https://u:pw@es:9200"))))
        .withMessageContaining("'https://***@es' has credentials in the URL")
        .withMessageNotContaining("pw");
    ElasticsearchSecurity ca =
        new ElasticsearchSecurity(
            Optional.of(Path.of("/no/such/ca.pem")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(
            () ->
                ElasticsearchClients.create(List.of(URI.create("https://es:9200")), ca, n -> null))
        .withMessageContaining("elasticsearch.tls.caFile: file '/no/such/ca.pem'");
  }
}
