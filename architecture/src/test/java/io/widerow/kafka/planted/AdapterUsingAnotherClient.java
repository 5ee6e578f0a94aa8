package io.widerow.kafka.planted;

import org.apache.hadoop.hbase.TableName;

/** Planted violation: the Kafka adapter using the HBase client. */
public final class AdapterUsingAnotherClient {

  public String table(String name) {
    return TableName.valueOf(name).getNameAsString();
  }
}
