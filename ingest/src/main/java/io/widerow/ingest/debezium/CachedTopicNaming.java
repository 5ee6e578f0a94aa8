package io.widerow.ingest.debezium;

import io.debezium.schema.DefaultTopicNamingStrategy;
import io.debezium.spi.schema.DataCollectionId;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Debezium's default topic names, each worked out once per table. The default strategy joins the
 * name's parts again for every change and looks it up in an LRU cache whose every hit counts a
 * queue's length: in a profile of a 5,000 changes/s step that took about a tenth of the binlog
 * reader thread's samples. Ingest never writes to these topics; the names only label records.
 * Captured tables are few, so the cache is not bounded.
 */
public final class CachedTopicNaming extends DefaultTopicNamingStrategy {

  private final Map<DataCollectionId, String> names = new ConcurrentHashMap<>();

  public CachedTopicNaming(Properties props) {
    super(props);
  }

  @Override
  public String dataChangeTopic(DataCollectionId id) {
    String name = names.get(id);
    return name != null ? name : names.computeIfAbsent(id, super::dataChangeTopic);
  }
}
