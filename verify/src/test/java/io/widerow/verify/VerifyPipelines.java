package io.widerow.verify;

import io.widerow.core.pipeline.Pipeline;
import io.widerow.core.pipeline.PipelineLoader;
import java.util.Map;

/** A small pipeline for verify's tests: a root ONE table, a MANY table and a binlog table. */
public final class VerifyPipelines {

  private VerifyPipelines() {}

  public static Pipeline small() {
    return PipelineLoader.parse(
        yaml("vp", "vdb", "127.0.0.1:1", "127.0.0.1:1", "http://127.0.0.1:1", "127.0.0.1", 1),
        "test",
        Map.of());
  }

  /**
   * The pipeline file's text; {@code database} holds {@code orders_0}, {@code items_0}, {@code
   * notes_0}.
   */
  public static String yaml(
      String name,
      String database,
      String zookeeper,
      String kafka,
      String elasticsearch,
      String mariadbHost,
      int mariadbPort) {
    return """
        pipeline: %1$s
        sources:
          - name: src
            connector: mariadb
            host: %6$s
            port: %7$d
            user: root
            passwordEnv: VERIFY_TEST_PASSWORD
            serverId: 5999
            databases: [%2$s]
        tables:
          orders:
            physical: '%2$s\\.orders_\\d+'
            key: order_id
            primaryKey: [order_id]
            cardinality: one
            root: true
            version: {column: version}
          items:
            physical: '%2$s\\.items_\\d+'
            key: order_id
            primaryKey: [item_id]
            cardinality: many
            version: {column: version}
            columns: [item_id, order_id, sku, price, version]
          notes:
            physical: '%2$s\\.notes_\\d+'
            key: order_id
            primaryKey: [order_id]
            cardinality: one
            version: {binlog: true}
        hbase:
          zookeeper: %3$s
          namespace: widerow_it
          table: %1$s
          saltBuckets: 4
        kafka:
          bootstrap: %4$s
          topicPrefix: it
          partitions: 1
          topics:
            changes: {replicationFactor: 1, minInsyncReplicas: 1}
            keys: {replicationFactor: 1, minInsyncReplicas: 1}
            deadLetters: {replicationFactor: 1, minInsyncReplicas: 1}
        elasticsearch:
          hosts: ['%5$s']
          index: %1$s
          shards: 1
          replicas: 0
          fields:
            order_id: {from: orders.order_id, type: keyword}
            status:   {from: orders.status, type: keyword}
            total:    {from: orders.total, type: double}
            skus:     {from: items.sku, type: keyword}
            note:     {from: notes.text, type: text}
        """
        .formatted(name, database, zookeeper, kafka, elasticsearch, mariadbHost, mariadbPort);
  }
}
