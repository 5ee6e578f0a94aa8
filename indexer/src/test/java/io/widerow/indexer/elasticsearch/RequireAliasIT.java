package io.widerow.indexer.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.codahale.metrics.Counter;
import io.widerow.core.document.IndexAction.Upsert;
import io.widerow.core.index.IndexLayout;
import io.widerow.core.pipeline.ElasticsearchSpec;
import io.widerow.core.retry.RetrySettings;
import io.widerow.core.service.FatalException;
import io.widerow.elasticsearch.ElasticsearchClients;
import io.widerow.stack.StackEndpoints;
import io.widerow.testkit.DemoPipelines;
import io.widerow.testkit.LocalStackExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Bulk writes require the alias: with the alias deleted, a write fails instead of Elasticsearch
 * creating a dynamic index under the alias' name, in which tombstones would be visible.
 */
@ExtendWith(LocalStackExtension.class)
class RequireAliasIT {

  @Test
  void aBulkToADeletedAliasFailsAndCreatesNoIndexOfThatName(StackEndpoints stack) throws Exception {
    String name = DemoPipelines.uniqueName("alias");
    ElasticsearchSpec spec = DemoPipelines.pipeline(stack, name).elasticsearch();
    String alias = IndexLayout.alias(spec);
    String physical = IndexLayout.physicalIndex(spec, IndexLayout.FIRST_GENERATION);
    ElasticsearchClient client = ElasticsearchClients.create(spec);
    try {
      new IndexManager(client, spec).ensureIndexExists();
      BulkWriter writer =
          new BulkWriter(
              client,
              alias,
              new RetrySettings(
                  Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(2), 0),
              new Counter());
      assertThat(writer.write(List.of(upsert("1"))).indexed()).isEqualTo(1);

      client.indices().deleteAlias(d -> d.index(physical).name(alias));

      assertThatExceptionOfType(FatalException.class)
          .isThrownBy(() -> writer.write(List.of(upsert("2"))))
          .withMessageContaining(alias + " is not an alias (require_alias)");
      assertThat(client.indices().exists(e -> e.index(alias)).value())
          .as("no index named like the alias")
          .isFalse();
    } finally {
      client.indices().delete(d -> d.index(physical).ignoreUnavailable(true));
      client._transport().close();
    }
  }

  private static Upsert upsert(String id) {
    return new Upsert(id, "00:" + id, 1, Map.of());
  }
}
