package io.widerow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import io.widerow.core.service.ExitCode;
import io.widerow.stack.PipelineFiles;
import io.widerow.stack.SecuredEndpoints;
import io.widerow.stack.StackEndpoints;
import io.widerow.stack.StackSecrets;
import io.widerow.testkit.DemoPipelines;
import io.widerow.testkit.HBaseTables;
import io.widerow.testkit.LocalStackExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a secured connection that cannot work does to a service, as {@code widerow
 * ingest|merger|indexer --pipeline FILE} runs it against the local stack's secured side, with one
 * thing wrong in an otherwise right pipeline file: a wrong password stops it with exit code 3
 * naming the server and the keys to mend, so does a server certificate signed by a CA the client
 * does not trust; a secret variable that is not set or a file that cannot be read is a
 * configuration error, exit code 2, naming the key and the variable or file. The services run at
 * once, each a JVM of its own.
 */
@ExtendWith(LocalStackExtension.class)
class SecuredFailuresIT {

  /** Each service gives up at once; this is how long starting 8 JVMs at once may take here. */
  private static final Duration PATIENCE = Duration.ofMinutes(4);

  private static StackEndpoints stack;
  private static SecuredEndpoints secured;
  private static Pipeline pipeline;
  private static Path dir;
  private static Path otherCa;
  private static List<String> java;
  private static final Map<String, ServiceProcess> runs = new LinkedHashMap<>();

  @BeforeAll
  static void runEveryCase(StackEndpoints endpoints) throws Exception {
    stack = endpoints;
    secured = stack.secured();
    String name = DemoPipelines.uniqueName("secfail");
    dir = Files.createTempDirectory("widerow-" + name + "-");
    otherCa = StackSecrets.otherCa(dir.resolve("other-ca"));
    java = CrashPipeline.shortLivedJavaCommand(Files.createDirectories(dir.resolve("classpath")));
    Path wrongPassword = Files.writeString(dir.resolve("wrong.password"), "not-the-password\n");
    SecuredPipeline right = SecuredPipeline.of(stack, name);
    pipeline = PipelineLoader.parse(right.yaml(), name, PipelineFiles.environment(stack));
    // The merger opens the wide table before its consumers: it must exist to reach Kafka.
    HBaseTables.create(pipeline.hbase());
    String wrong = SecuredPipeline.quoted(wrongPassword);
    String untrusted = "{caFile: " + SecuredPipeline.quoted(otherCa) + "}";
    Map<String, String> env = environment("not-the-password");

    run("source-password", "ingest", right.withSource("passwordFile: " + wrong, right.sourceTls()));
    run("kafka-password", "merger", right, env);
    run(
        "elasticsearch-password",
        "indexer",
        right.withElasticsearch(
            right.elasticsearchTls(),
            "{username: " + secured.elasticsearchUser() + ", passwordFile: " + wrong + "}"));
    run(
        "source-untrusted",
        "ingest",
        right.withSource(
            right.sourcePassword(),
            "{mode: verify-ca, caFile: " + SecuredPipeline.quoted(otherCa) + "}"));
    run("kafka-untrusted", "merger", right.withKafkaTls(untrusted));
    run(
        "elasticsearch-untrusted",
        "indexer",
        right.withElasticsearch(untrusted, right.elasticsearchAuth()));
    Map<String, String> withoutKafkaPassword = environment(null);
    run("missing-variable", "merger", right, withoutKafkaPassword);
    run(
        "missing-file",
        "indexer",
        right.withElasticsearch(
            right.elasticsearchTls(),
            "{username: "
                + secured.elasticsearchUser()
                + ", passwordFile: "
                + SecuredPipeline.quoted(dir.resolve("no-such.password"))
                + "}"));

    await("every service to stop on its own")
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> runs.values().stream().allMatch(p -> p.endedOnItsOwn().isPresent()));
  }

  @AfterAll
  static void cleanUp() throws Exception {
    for (ServiceProcess run : runs.values()) {
      run.close();
    }
    if (pipeline != null) {
      HBaseTables.drop(pipeline.hbase());
    }
  }

  @Test
  void wrongSourcePasswordIsFatalNamingTheSourceAndThePasswordKey() throws Exception {
    assertStopped(
        "source-password",
        ExitCode.FATAL,
        "source shop (127.0.0.1:" + stack.mariadbPort() + ") refused user '" + secured.cdcTlsUser(),
        "Access denied",
        "the password in sources[0].passwordFile (file '" + dir.resolve("wrong.password"));
  }

  @Test
  void wrongKafkaPasswordIsFatalNamingKafkaAndThePasswordVariable() throws Exception {
    assertStopped(
        "kafka-password",
        ExitCode.FATAL,
        "kafka (" + secured.kafkaBootstrap() + ") refused the login of user 'widerow'",
        "check kafka.security.sasl (mechanism, username, the password in"
            + " kafka.security.sasl.passwordEnv (environment variable '"
            + SecuredPipeline.KAFKA_PASSWORD_ENV
            + "'))");
  }

  @Test
  void wrongElasticsearchPasswordIsFatalNamingElasticsearchAndThePasswordKey() throws Exception {
    assertStopped(
        "elasticsearch-password",
        ExitCode.FATAL,
        "elasticsearch ([" + secured.elasticsearchUrl() + "]) refused the credentials (401)",
        "check elasticsearch.auth (user 'widerow', password in elasticsearch.auth.passwordFile");
  }

  @Test
  void sourceCertificateFromAnUntrustedCaIsFatalAndSaysSo() throws Exception {
    assertStopped(
        "source-untrusted",
        ExitCode.FATAL,
        "TLS to the server failed, its certificate is not trusted",
        "check sources.shop.tls.caFile");
  }

  @Test
  void kafkaCertificateFromAnUntrustedCaIsFatalAndSaysSo() throws Exception {
    assertStopped(
        "kafka-untrusted",
        ExitCode.FATAL,
        "kafka ("
            + secured.kafkaBootstrap()
            + "): TLS to the brokers failed, their certificate"
            + " is not trusted",
        "check kafka.security.tls (caFile or truststoreFile)");
  }

  @Test
  void elasticsearchCertificateFromAnUntrustedCaIsFatalAndSaysSo() throws Exception {
    assertStopped(
        "elasticsearch-untrusted",
        ExitCode.FATAL,
        "elasticsearch (["
            + secured.elasticsearchUrl()
            + "]): TLS failed, the server's certificate"
            + " is not trusted; check elasticsearch.tls (caFile or fingerprint)");
  }

  @Test
  void secretVariableThatIsNotSetIsABadConfigurationNamingKeyAndVariable() throws Exception {
    assertStopped(
        "missing-variable",
        ExitCode.BAD_CONFIG,
        "kafka.security.sasl.passwordEnv: environment variable '"
            + SecuredPipeline.KAFKA_PASSWORD_ENV
            + "' is not set");
  }

  @Test
  void secretFileThatCannotBeReadIsABadConfigurationNamingKeyAndFile() throws Exception {
    assertStopped(
        "missing-file",
        ExitCode.BAD_CONFIG,
        "elasticsearch.auth.passwordFile: cannot read file '" + dir.resolve("no-such.password"));
  }

  private static void assertStopped(String run, ExitCode exit, String... saying) throws Exception {
    ServiceProcess process = runs.get(run);
    String log = Files.readString(process.log());
    assertThat(process.endedOnItsOwn())
        .as(run + ": exit code; log " + process.log())
        .hasValue(exit.code());
    for (String words : saying) {
      assertThat(log).as(run + ": log " + process.log()).contains(words);
    }
    for (Path secret :
        List.of(
            secured.kafkaPasswordFile(),
            secured.cdcTlsPasswordFile(),
            secured.elasticsearchPasswordFile())) {
      assertThat(log).as(run + ": no secret in the log").doesNotContain(StackSecrets.read(secret));
    }
    assertThat(log).as(run + ": not even the wrong one").doesNotContain("not-the-password");
  }

  private static void run(String run, String service, SecuredPipeline pipelineFile)
      throws Exception {
    run(run, service, pipelineFile, environment(StackSecrets.read(secured.kafkaPasswordFile())));
  }

  private static void run(
      String run, String service, SecuredPipeline pipelineFile, Map<String, String> env)
      throws Exception {
    Path runDir = Files.createDirectories(dir.resolve(run));
    Path file = Files.writeString(runDir.resolve("pipeline.yaml"), pipelineFile.yaml());
    ServiceProcess process = new ServiceProcess(service, java, env, file, runDir);
    process.start();
    runs.put(run, process);
  }

  /** The stack's addresses and, when given, the Kafka password variable. */
  private static Map<String, String> environment(String kafkaPassword) {
    Map<String, String> env = new HashMap<>(CrashPipeline.environment(stack));
    env.remove("WIDEROW_CDC_PASSWORD");
    if (kafkaPassword != null) {
      env.put(SecuredPipeline.KAFKA_PASSWORD_ENV, kafkaPassword);
    }
    return env;
  }
}
