package io.widerow.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.widerow.stack.SecuredEndpoints;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StackSecrets;
import io.widerow.stack.elasticsearch.ElasticsearchProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack's secured side, server by server: each endpoint lets in the right credentials
 * over TLS with the stack's CA, and refuses a wrong password, no credentials, plain text and a
 * client that trusts another CA.
 */
@ExtendWith(LocalStackExtension.class)
class SecuredStackIT {

  @TempDir static Path tmp;

  private static SecuredEndpoints secured;
  private static Path otherCa;

  @BeforeAll
  static void endpoints(StackEndpoints stack) throws Exception {
    secured = stack.secured();
    otherCa = StackSecrets.otherCa(tmp.resolve("other-ca"));
  }

  @Test
  void kafkaLetsTheScramUserInOverTls() throws Exception {
    try (Admin admin =
        Admin.create(kafka(password(secured.kafkaPasswordFile()), secured.caFile()))) {
      assertThat(admin.describeCluster().nodes().get(20, TimeUnit.SECONDS)).hasSize(1);
    }
  }

  @Test
  void kafkaRefusesAWrongPassword() {
    assertThatThrownBy(() -> describeCluster(kafka("not-the-password", secured.caFile())))
        .hasCauseInstanceOf(SaslAuthenticationException.class)
        .hasMessageContaining(
            "Authentication failed during authentication due to invalid credentials");
  }

  @Test
  void kafkaClientTrustingAnotherCaFailsTheHandshake() {
    assertThatThrownBy(() -> describeCluster(kafka(password(secured.kafkaPasswordFile()), otherCa)))
        .hasCauseInstanceOf(SslAuthenticationException.class);
  }

  @Test
  void kafkaSecuredListenerSpeaksNoPlainText() {
    Properties plain = kafkaBase();
    // Without TLS the broker's listener never answers: the request times out.
    assertThatThrownBy(() -> describeCluster(plain))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
  }

  @Test
  void mariadbLetsTheTlsUserInWithTheStackCa(StackEndpoints stack) throws Exception {
    try (Connection c =
            mariadb(
                stack, password(secured.cdcTlsPasswordFile()), "verify-full", secured.caFile());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Ssl_version'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(2)).startsWith("TLSv1.");
    }
  }

  @Test
  void mariadbRefusesTheTlsUserWithoutTls(StackEndpoints stack) {
    assertThatThrownBy(
            () -> mariadb(stack, password(secured.cdcTlsPasswordFile()), "disable", null).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Access denied for user '" + secured.cdcTlsUser() + "'");
  }

  @Test
  void mariadbRefusesAWrongPasswordOverTls(StackEndpoints stack) {
    assertThatThrownBy(
            () -> mariadb(stack, "not-the-password", "verify-full", secured.caFile()).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("Access denied for user '" + secured.cdcTlsUser() + "'");
  }

  @Test
  void mariadbClientTrustingAnotherCaFailsTheHandshake(StackEndpoints stack) {
    assertThatThrownBy(
            () ->
                mariadb(stack, password(secured.cdcTlsPasswordFile()), "verify-ca", otherCa)
                    .close())
        .isInstanceOf(SQLException.class)
        .hasStackTraceContaining("PKIX path");
  }

  @Test
  void elasticsearchProxyLetsBasicAuthAndTheApiKeyThrough() throws Exception {
    HttpClient https = https(secured.caFile());
    String basic =
        basic(secured.elasticsearchUser(), password(secured.elasticsearchPasswordFile()));
    String apiKey = "ApiKey " + password(secured.elasticsearchApiKeyFile());

    HttpResponse<String> withUser = https.send(health(basic), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> withKey = https.send(health(apiKey), HttpResponse.BodyHandlers.ofString());

    assertThat(withUser.statusCode()).isEqualTo(200);
    assertThat(withUser.body()).contains("\"cluster_name\":\"widerow\"");
    assertThat(withKey.statusCode()).isEqualTo(200);
    assertThat(withKey.body()).contains("\"cluster_name\":\"widerow\"");
  }

  @Test
  void elasticsearchProxyRefusesWrongOrMissingCredentials() throws Exception {
    HttpClient https = https(secured.caFile());
    String apiKey = password(secured.elasticsearchApiKeyFile());

    assertThat(status(https, basic(secured.elasticsearchUser(), "not-the-password")))
        .isEqualTo(401);
    assertThat(status(https, basic("elastic", password(secured.elasticsearchPasswordFile()))))
        .isEqualTo(401);
    assertThat(status(https, "ApiKey " + apiKey.substring(1) + "x")).isEqualTo(401);
    assertThat(status(https, "ApiKey " + apiKey + "x")).isEqualTo(401);
    assertThat(status(https, null)).isEqualTo(401);
  }

  @Test
  void elasticsearchProxySpeaksOnlyTlsWithTheStackCertificate() throws Exception {
    HttpClient plain = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String basic =
        basic(secured.elasticsearchUser(), password(secured.elasticsearchPasswordFile()));
    HttpRequest overHttp =
        HttpRequest.newBuilder(
                URI.create(
                    secured.elasticsearchUrl().replace("https:", "http:") + "/_cluster/health"))
            .header("Authorization", basic)
            .timeout(Duration.ofSeconds(10))
            .build();

    HttpResponse<String> answer = plain.send(overHttp, HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(answer.body()).contains("plain HTTP request was sent to HTTPS port");
    assertThatThrownBy(
            () -> https(otherCa).send(health(basic), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  private static String password(Path file) {
    return StackSecrets.read(file);
  }

  private static Properties kafkaBase() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, secured.kafkaBootstrap());
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 8000);
    return p;
  }

  private static Properties kafka(String password, Path caFile) {
    Properties p = kafkaBase();
    p.put(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "SASL_SSL");
    p.put("sasl.mechanism", "SCRAM-SHA-512");
    p.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + secured.kafkaUser()
            + "\" password=\""
            + password
            + "\";");
    p.put("ssl.truststore.type", "PEM");
    p.put("ssl.truststore.location", caFile.toString());
    return p;
  }

  private static void describeCluster(Properties p) throws Exception {
    try (Admin admin = Admin.create(p)) {
      admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
    }
  }

  private static Connection mariadb(StackEndpoints stack, String password, String sslMode, Path ca)
      throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", secured.cdcTlsUser());
    p.setProperty("password", password);
    p.setProperty("sslMode", sslMode);
    if (ca != null) {
      p.setProperty("serverSslCert", ca.toString());
    }
    p.setProperty("connectTimeout", "10000");
    return DriverManager.getConnection(stack.mariadbJdbcUrl(), p);
  }

  private static HttpClient https(Path caFile) throws Exception {
    SSLContext tls = ElasticsearchProxy.trusting(caFile);
    return HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build();
  }

  private static HttpRequest health(String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(secured.elasticsearchUrl() + "/_cluster/health"))
            .timeout(Duration.ofSeconds(20));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request.build();
  }

  private static int status(HttpClient https, String authorization) throws Exception {
    return https.send(health(authorization), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  private static String basic(String user, String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}
