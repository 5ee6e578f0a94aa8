package io.widerow.core.pipeline;

import static io.widerow.core.pipeline.PipelineYaml.demo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import org.junit.jupiter.api.Test;

class SourcesValidationTest {

  @Test
  void unknownConnectorNamesKeyAndAllowedValues() {
    assertThat(demo().set("sources[0].connector", "mysql").load().sources().get(0).connector())
        .isEqualTo(Source.Connector.MYSQL);
    assertThat(demo().set("sources[0].connector", "postgres").errors())
        .containsExactly(
            "sources[0].connector: 'postgres' is not valid; expected one of: mariadb, mysql");
  }

  @Test
  void portOutsideTcpRangeIsRejected() {
    assertThat(demo().set("sources[0].port", 65535).load().sources().get(0).port())
        .isEqualTo(65535);
    assertThat(demo().set("sources[0].port", 65536).errors())
        .containsExactly("sources[0].port: '65536' is not valid; expected an integer in 1..65535");
    assertThat(demo().set("sources[0].port", "3306x").errors())
        .containsExactly("sources[0].port: '3306x' is not valid; expected an integer in 1..65535");
  }

  @Test
  void serverIdIsAPositiveUnsigned32BitInteger() {
    assertThat(demo().set("sources[0].serverId", 4294967295L).load().sources().get(0).serverId())
        .isEqualTo(4294967295L);
    assertThat(demo().set("sources[0].serverId", 0).errors())
        .containsExactly(
            "sources[0].serverId: '0' is not valid; expected an integer in 1..4294967295");
  }

  @Test
  void snapshotKeyLimitDefaultsToHalfAMillionAndIsAPositiveInteger() {
    assertThat(demo().load().sources().get(0).snapshotKeyLimit()).isEqualTo(500_000);
    assertThat(demo().set("sources[0].snapshotKeyLimit", 20_000).load().sources().get(0))
        .extracting(Source::snapshotKeyLimit)
        .isEqualTo(20_000);
    assertThat(demo().set("sources[0].snapshotKeyLimit", 0).errors())
        .containsExactly(
            "sources[0].snapshotKeyLimit: '0' is not valid; expected an integer in 1..50000000");
  }

  @Test
  void sourceNamesAndServerIdsAreUnique() {
    PipelineYaml two = demo().copyElement("sources[0]", "name", "shop_eu", "serverId", "5402");
    assertThat(two.load().sources()).extracting(Source::name).containsExactly("shop", "shop_eu");

    assertThat(demo().copyElement("sources[0]").errors())
        .containsExactly(
            "sources[1].name: 'shop' is already used at sources[0].name; expected a unique source"
                + " name",
            "sources[1].serverId: '5401' is already used at sources[0].serverId; expected a unique"
                + " serverId");
  }

  @Test
  void sourceNameIsALowercaseIdentifier() {
    assertThat(demo().set("sources[0].name", "Shop EU").errors())
        .containsExactly(
            "sources[0].name: 'Shop EU' is not valid; expected a name matching [a-z][a-z0-9_]*");
  }

  @Test
  void passwordEnvNamesAVariableThatNeedNotBeSetAtLoad() {
    Source source =
        demo().set("sources[0].passwordEnv", "WIDEROW_UNSET_PASSWORD").load().sources().get(0);
    assertThat(source.password())
        .isEqualTo(Secret.env("sources[0].passwordEnv", "WIDEROW_UNSET_PASSWORD"));
    assertThatExceptionOfType(PipelineConfigException.class)
        .isThrownBy(() -> source.password().reveal(name -> null))
        .withMessageContaining(
            "sources[0].passwordEnv: environment variable 'WIDEROW_UNSET_PASSWORD' is not set");

    assertThat(demo().set("sources[0].passwordEnv", "s3cret!").errors())
        .containsExactly(
            "sources[0].passwordEnv: 's3cret!' is not valid; expected an environment variable"
                + " name matching [A-Za-z_][A-Za-z0-9_]* (the variable, not the password)");
  }

  @Test
  void missingRequiredKeyNamesWhatIsExpected() {
    assertThat(demo().remove("sources[0].host").errors())
        .containsExactly("sources[0].host: missing; expected a host name or address");
  }

  @Test
  void databasesAreOptionalButNotEmpty() {
    assertThat(demo().remove("sources[0].databases").load().sources().get(0).databases()).isEmpty();
    assertThat(demo().set("sources[0].databases", List.of()).errors())
        .containsExactly(
            "sources[0].databases: [] is not valid; expected a non-empty list of database names");
    assertThat(demo().set("sources[0].databases", List.of("shop_0", "shop_0")).errors())
        .containsExactly(
            "sources[0].databases[1]: 'shop_0' is listed twice; expected distinct values");
  }

  @Test
  void sourcesIsANonEmptyListOfMappings() {
    assertThat(demo().set("sources", List.of()).errors())
        .containsExactly(
            "sources: [] is not valid; expected a non-empty list, each a source {name, connector,"
                + " host, ...}");
    assertThat(demo().set("sources", List.of("shop")).errors())
        .containsExactly(
            "sources[0]: 'shop' is not valid; expected a source {name, connector, host, ...}");
  }
}
