package io.widerow.stack.elasticsearch;

import io.widerow.stack.Deadline;
import io.widerow.stack.ExternalCommand;
import io.widerow.stack.ForkedServer;
import io.widerow.stack.OsUser;
import io.widerow.stack.StackConfig;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StackSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Elasticsearch over TLS and with credentials: the integ-test distribution has no security module,
 * so Debian's nginx terminates TLS with the stack's certificate in front of the plaintext port and
 * lets a request through only with the basic-auth user (an htpasswd file made by {@code openssl
 * passwd}) or {@code Authorization: ApiKey <the stack's key>}. Elasticsearch itself never sees the
 * credentials.
 */
public final class ElasticsearchProxy extends ForkedServer {

  public static final String NAME = "elasticsearch-proxy";

  static final String INSTALL_HINT =
      "apt-get update && apt-get install -y --no-install-recommends nginx";

  private final StackSecrets secrets;

  public ElasticsearchProxy(StackConfig config, StackSecrets secrets) {
    super(NAME, config);
    this.secrets = secrets;
  }

  @Override
  public String address() {
    return "https://" + StackEndpoints.HOST + ":" + config.elasticsearchSecuredPort();
  }

  @Override
  public List<Path> logFiles() {
    return List.of(dir.resolve("error.log"), dir.resolve("server.out"));
  }

  @Override
  protected List<Integer> ports() {
    return List.of(config.elasticsearchSecuredPort());
  }

  @Override
  protected void prepare() throws Exception {
    binary();
    Files.createDirectories(dir.resolve("tmp"));
    Path htpasswd = dir.resolve("htpasswd");
    Files.writeString(
        htpasswd,
        StackSecrets.ELASTICSEARCH_USER
            + ":"
            + apr1Hash(StackSecrets.read(secrets.elasticsearchPasswordFile()))
            + "\n");
    Path conf = dir.resolve("nginx.conf");
    Files.writeString(
        conf,
        NginxConf.of(
            dir,
            config.elasticsearchSecuredPort(),
            config.elasticsearchPort(),
            secrets,
            StackSecrets.read(secrets.elasticsearchApiKeyFile())));
    for (Path secret : List.of(htpasswd, conf)) {
      Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));
    }
  }

  @Override
  protected long launch(Duration timeout) throws Exception {
    // -p: the prefix for relative paths; the configuration names every path absolutely anyway.
    return fork(
        List.of(binary().toString(), "-p", dir + "/", "-c", dir.resolve("nginx.conf").toString()),
        Map.of(),
        dir.resolve("server.out"));
  }

  /** Ready once a request with the user's credentials reaches Elasticsearch through it. */
  @Override
  protected void awaitReady(Deadline deadline, long pid) throws Exception {
    deadline.await(
        "Elasticsearch cluster health through the TLS proxy at " + address(),
        Duration.ofMillis(500),
        whileAlive(pid),
        this::passesAuthenticatedRequest);
  }

  @Override
  public boolean isHealthy() {
    try {
      return passesAuthenticatedRequest();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  private boolean passesAuthenticatedRequest() throws Exception {
    // Asking before Elasticsearch listens would only fill the proxy's error log.
    if (!isListening(config.elasticsearchPort())) {
      return false;
    }
    String basic =
        StackSecrets.ELASTICSEARCH_USER
            + ":"
            + StackSecrets.read(secrets.elasticsearchPasswordFile());
    HttpClient http =
        HttpClient.newBuilder()
            .sslContext(trusting(secrets.caFile()))
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(address() + "/_cluster/health?wait_for_status=yellow&timeout=1s"))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200 && response.body().contains("\"timed_out\":false");
  }

  /** TLS that trusts only the certificates {@code caFile} holds. */
  public static SSLContext trusting(Path caFile) throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(caFile)) {
      int i = 0;
      for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trust.setCertificateEntry("ca-" + i++, cert);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, tmf.getTrustManagers(), null);
    return context;
  }

  /** {@code openssl passwd -apr1}, the password on stdin so no command line shows it. */
  private String apr1Hash(String password) throws IOException, InterruptedException {
    Path openssl =
        ExternalCommand.which("openssl")
            .orElseThrow(
                () -> new IllegalStateException("openssl not found: apt-get install openssl"));
    Process p =
        new ProcessBuilder(openssl.toString(), "passwd", "-apr1", "-stdin")
            .redirectError(ProcessBuilder.Redirect.appendTo(dir.resolve("setup.log").toFile()))
            .start();
    try (var in = p.getOutputStream()) {
      in.write((password + "\n").getBytes(StandardCharsets.UTF_8));
    }
    String hash = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || !hash.startsWith("$apr1$")) {
      throw new IllegalStateException(
          "openssl passwd -apr1 failed; see " + dir.resolve("setup.log"));
    }
    return hash;
  }

  private static Path binary() {
    return ExternalCommand.which("nginx")
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "nginx not found (the TLS proxy in front of Elasticsearch): install it with: "
                        + INSTALL_HINT));
  }

  /** The proxy's nginx.conf. */
  static final class NginxConf {

    private NginxConf() {}

    static String of(
        Path dir, int securedPort, int elasticsearchPort, StackSecrets secrets, String apiKey) {
      return String.join(
          "\n",
          "# Written by the widerow stack launcher at every start; edits are lost.",
          "daemon off;",
          "worker_processes 1;",
          // As root the workers would run as nobody, who cannot write this directory.
          OsUser.isRoot() ? "user root;" : "",
          "pid " + dir.resolve("nginx.pid") + ";",
          "error_log " + dir.resolve("error.log") + " warn;",
          "events { worker_connections 512; }",
          "http {",
          // The default format logs the basic-auth user's name, never a password or key.
          "  access_log " + dir.resolve("access.log") + ";",
          "  client_body_temp_path " + dir.resolve("tmp/body") + ";",
          "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";",
          "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";",
          "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";",
          "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";",
          "  client_max_body_size 512m;",
          "  # The stack's API key lets a request in without basic auth: auth_basic off for it.",
          "  map $http_authorization $widerow_realm {",
          "    default \"widerow\";",
          "    \"~^ApiKey " + regexQuote(apiKey) + "$\" off;",
          "  }",
          "  upstream elasticsearch {",
          "    server " + StackEndpoints.HOST + ":" + elasticsearchPort + ";",
          "    keepalive 16;",
          "  }",
          "  server {",
          "    listen " + StackEndpoints.HOST + ":" + securedPort + " ssl;",
          "    ssl_certificate " + secrets.serverChainFile() + ";",
          "    ssl_certificate_key " + secrets.serverKeyFile() + ";",
          "    ssl_protocols TLSv1.2 TLSv1.3;",
          "    location / {",
          "      auth_basic $widerow_realm;",
          "      auth_basic_user_file " + dir.resolve("htpasswd") + ";",
          "      proxy_pass http://elasticsearch;",
          "      proxy_http_version 1.1;",
          "      proxy_set_header Connection \"\";",
          "      proxy_set_header Authorization \"\";",
          "      proxy_read_timeout 300s;",
          "    }",
          "  }",
          "}",
          "");
    }

    /** The key is base64: only {@code +} and {@code /} mean something in a regular expression. */
    private static String regexQuote(String base64) {
      return base64.replace("+", "\\+").replace("/", "\\/");
    }
  }
}
