package io.widerow.e2e;

import io.widerow.stack.RenamedDemo;
import io.widerow.stack.SecuredEndpoints;
import io.widerow.stack.StackEndpoints;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The demo pipeline file renamed for one run and pointed at the local stack's secured side: the
 * source over TLS as the CDC user that requires it, Kafka over SASL_SSL, Elasticsearch through the
 * TLS proxy with credentials. Each {@code with...} returns a copy with one connection's settings
 * replaced, so a test can get one thing wrong at a time.
 *
 * @param sourceTls the source's {@code tls} mapping, as YAML flow text
 * @param kafkaSasl the {@code kafka.security.sasl} mapping
 * @param kafkaTls the {@code kafka.security.tls} mapping
 * @param elasticsearchTls the {@code elasticsearch.tls} mapping
 * @param elasticsearchAuth the {@code elasticsearch.auth} mapping
 */
record SecuredPipeline(
    String name,
    long serverId,
    SecuredEndpoints secured,
    String sourcePassword,
    String sourceTls,
    String kafkaSasl,
    String kafkaTls,
    String elasticsearchTls,
    String elasticsearchAuth) {

  /** The variable the Kafka password is read from ({@code kafka.security.sasl.passwordEnv}). */
  static final String KAFKA_PASSWORD_ENV = "WIDEROW_IT_KAFKA_PASSWORD";

  /** The variable the API key is read from ({@code elasticsearch.auth.apiKeyEnv}). */
  static final String API_KEY_ENV = "WIDEROW_IT_ES_API_KEY";

  /**
   * Source verify-ca with the stack's CA and a password file; Kafka SCRAM-SHA-512 with the password
   * in a variable and the CA as PEM; Elasticsearch trusted by the CA, basic auth from a file.
   */
  static SecuredPipeline of(StackEndpoints stack, String name) {
    SecuredEndpoints s = stack.secured();
    return new SecuredPipeline(
        name,
        10_000 + ThreadLocalRandom.current().nextInt(1_000_000),
        s,
        "passwordFile: " + quoted(s.cdcTlsPasswordFile()),
        "{mode: verify-ca, caFile: " + quoted(s.caFile()) + "}",
        "{mechanism: SCRAM-SHA-512, username: "
            + s.kafkaUser()
            + ", passwordEnv: "
            + KAFKA_PASSWORD_ENV
            + "}",
        "{caFile: " + quoted(s.caFile()) + "}",
        "{caFile: " + quoted(s.caFile()) + "}",
        "{username: "
            + s.elasticsearchUser()
            + ", passwordFile: "
            + quoted(s.elasticsearchPasswordFile())
            + "}");
  }

  /**
   * The same pipeline as another service may be configured: Kafka trusted through the PKCS12
   * truststore, Elasticsearch by the CA's fingerprint with the API key from a variable.
   */
  SecuredPipeline withTruststoreFingerprintAndApiKey() {
    return withKafkaTls(
            "{truststoreFile: "
                + quoted(secured.truststoreFile())
                + ", truststorePasswordFile: "
                + quoted(secured.truststorePasswordFile())
                + "}")
        .withElasticsearch(
            "{fingerprint: '" + secured.caFingerprint() + "'}", "{apiKeyEnv: " + API_KEY_ENV + "}");
  }

  SecuredPipeline withSource(String password, String tls) {
    return new SecuredPipeline(
        name,
        serverId,
        secured,
        password,
        tls,
        kafkaSasl,
        kafkaTls,
        elasticsearchTls,
        elasticsearchAuth);
  }

  SecuredPipeline withKafkaSasl(String sasl) {
    return new SecuredPipeline(
        name,
        serverId,
        secured,
        sourcePassword,
        sourceTls,
        sasl,
        kafkaTls,
        elasticsearchTls,
        elasticsearchAuth);
  }

  SecuredPipeline withKafkaTls(String tls) {
    return new SecuredPipeline(
        name,
        serverId,
        secured,
        sourcePassword,
        sourceTls,
        kafkaSasl,
        tls,
        elasticsearchTls,
        elasticsearchAuth);
  }

  SecuredPipeline withElasticsearch(String tls, String auth) {
    return new SecuredPipeline(
        name, serverId, secured, sourcePassword, sourceTls, kafkaSasl, kafkaTls, tls, auth);
  }

  /** The pipeline file's text; MariaDB's and HBase's addresses stay placeholders. */
  String yaml() {
    String yaml = RenamedDemo.yaml(name, "widerow_it", "secured", serverId);
    yaml = replace(yaml, "^    user: widerow_cdc$", "    user: " + secured.cdcTlsUser());
    yaml =
        replace(
            yaml,
            "^    passwordEnv: WIDEROW_CDC_PASSWORD .*$",
            "    " + sourcePassword + "\n    tls: " + sourceTls);
    yaml =
        replace(
            yaml,
            "^  bootstrap: .*$",
            String.join(
                "\n",
                "  bootstrap: " + secured.kafkaBootstrap(),
                "  security:",
                "    protocol: SASL_SSL",
                "    sasl: " + kafkaSasl,
                "    tls: " + kafkaTls));
    return replace(
        yaml,
        "^  hosts: .*$",
        String.join(
            "\n",
            "  hosts: ['" + secured.elasticsearchUrl() + "']",
            "  tls: " + elasticsearchTls,
            "  auth: " + elasticsearchAuth));
  }

  static String quoted(Path file) {
    return "'" + file + "'";
  }

  private static String replace(String text, String regex, String replacement) {
    Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(text);
    if (!m.find()) {
      throw new IllegalStateException("demo pipeline no longer contains /" + regex + "/");
    }
    return m.replaceAll(Matcher.quoteReplacement(replacement));
  }
}
