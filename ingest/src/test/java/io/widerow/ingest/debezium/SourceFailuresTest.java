package io.widerow.ingest.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.DebeziumException;
import io.widerow.core.change.IngestTestPipelines;
import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.Source;
import io.widerow.core.service.FatalException;
import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

class SourceFailuresTest {

  private final Pipeline pipeline = IngestTestPipelines.orders();
  private final Source shop = pipeline.sources().get(0);

  @Test
  void refusedCredentialsAreFatalAndSayWhatToCheck() {
    Throwable engineError =
        new ConnectException(
            "Error configuring an instance of MariaDbConnectorTask",
            new DebeziumException(
                "Couldn't connect",
                new SQLInvalidAuthorizationSpecException(
                    "(conn=42) Access denied for user 'widerow_cdc'@'localhost' (using password:"
                        + " YES)",
                    "28000",
                    1045)));

    Throwable sorted = SourceFailures.classify(pipeline, shop, "task failed", engineError);

    assertThat(sorted)
        .isInstanceOf(FatalException.class)
        .hasCause(engineError)
        .hasMessage(
            "source shop (127.0.0.1:23306) refused user 'widerow_cdc': (conn=42) Access denied"
                + " for user 'widerow_cdc'@'localhost' (using password: YES); check"
                + " sources.shop.user, the password in sources.shop.passwordEnv (environment"
                + " variable 'WIDEROW_CDC_PASSWORD') and the user's grants (SELECT, RELOAD, SHOW DATABASES,"
                + " REPLICATION SLAVE, BINLOG MONITOR)");
  }

  @Test
  void anUntrustedServerCertificateIsFatalAndNamesTheCaKey() {
    Throwable error =
        new DebeziumException(
            "Couldn't connect",
            new SQLException(
                "Could not connect", new javax.net.ssl.SSLHandshakeException("PKIX path failed")));

    assertThat(SourceFailures.classify(pipeline, shop, null, error))
        .isInstanceOf(FatalException.class)
        .hasMessageContaining("source shop (127.0.0.1:23306): TLS to the server failed")
        .hasMessageContaining("sources.shop.tls.caFile");
  }

  @Test
  void missingReplicationPrivilegeIsFatalToo() {
    SQLException denied =
        new SQLException(
            "Access denied; you need (at least one of) the REPLICATION SLAVE privilege(s)",
            "42000",
            1227);

    assertThat(SourceFailures.classify(pipeline, shop, null, new DebeziumException(denied)))
        .isInstanceOf(FatalException.class)
        .hasMessageContaining("REPLICATION SLAVE privilege");
  }

  @Test
  void accessDeniedSeenOnlyInTheBinlogClientsMessageIsFatal() {
    IOException binlogClient =
        new IOException("Access denied for user 'widerow_cdc'@'127.0.0.1' (using password: YES)");

    assertThat(SourceFailures.classify(pipeline, shop, null, new DebeziumException(binlogClient)))
        .isInstanceOf(FatalException.class)
        .hasMessageStartingWith("source shop (127.0.0.1:23306) refused user 'widerow_cdc'");
  }

  @Test
  void purgedBinlogPositionIsFatalAndSaysHowToRecover() {
    // Debezium 3.5's own words (BaseSourceTask), with the offset it could not find.
    DebeziumException purged =
        new DebeziumException(
            "The connector is trying to read change stream starting at"
                + " BinlogOffsetContext{file=mariadb-bin.000001, pos=4}, but this is no longer"
                + " available on the server. Reconfigure the connector to use a snapshot mode"
                + " when needed.");

    Throwable sorted = SourceFailures.classify(pipeline, shop, "Unable to start", purged);

    assertThat(sorted)
        .isInstanceOf(FatalException.class)
        .hasMessage(
            "source shop (127.0.0.1:23306): the binlog position in the stored offsets (topic"
                + " widerow.orders.ingest-offsets) is no longer on the server: its binlog files"
                + " were purged, so the changes since then cannot be read. Restore the binlogs, or"
                + " reset this pipeline's offsets and schema history topics to take a new"
                + " snapshot");
  }

  @Test
  void olderWordingOfThePurgedBinlogInTheEngineMessageIsFatal() {
    assertThat(
            SourceFailures.classify(
                pipeline,
                shop,
                "The connector is trying to read binlog starting at SourceInfo [file=x.000001],"
                    + " but this is no longer available on the server.",
                new IllegalStateException("engine failed")))
        .isInstanceOf(FatalException.class);
  }

  @Test
  void serverWithoutRowBinlogIsFatal() {
    DebeziumException statement =
        new DebeziumException(
            "The database server is not configured to use a ROW binlog_format, which is"
                + " required for this connector to work properly.");

    assertThat(SourceFailures.classify(pipeline, shop, null, statement))
        .isInstanceOf(FatalException.class)
        .hasMessageContaining("not set up for row-based CDC")
        .hasMessageContaining("ROW binlog_format");
  }

  @Test
  void missingSchemaHistoryIsFatal() {
    DebeziumException missing =
        new DebeziumException(
            "The db history topic is missing. You may attempt to recover it by reconfiguring"
                + " the connector to recovery.");

    assertThat(SourceFailures.classify(pipeline, shop, null, missing))
        .isInstanceOf(FatalException.class)
        .hasMessageContaining("widerow.orders.schema-history is missing");
  }

  @Test
  void anythingElseIsLeftAsItIsForARestart() {
    ConnectException lost =
        new ConnectException("Communications link failure", new IOException("Connection reset"));

    assertThat(SourceFailures.classify(pipeline, shop, "task failed", lost)).isSameAs(lost);
  }
}
