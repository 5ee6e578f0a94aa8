package io.widerow.ingest.debezium;

import static org.assertj.core.api.Assertions.assertThat;

import io.debezium.relational.TableId;
import io.debezium.schema.DefaultTopicNamingStrategy;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class CachedTopicNamingTest {

  @Test
  void namesEachTableAsDebeziumsDefaultStrategyDoes() {
    Properties props = new Properties();
    props.setProperty("topic.prefix", "widerow.orders.shop");
    CachedTopicNaming cached = new CachedTopicNaming(props);
    DefaultTopicNamingStrategy plain = new DefaultTopicNamingStrategy(props);
    TableId orders = new TableId("shop_0", null, "orders_0");
    TableId odd = new TableId("shop_1", null, "order item$1");

    assertThat(cached.dataChangeTopic(orders))
        .isEqualTo(plain.dataChangeTopic(orders))
        .isEqualTo("widerow.orders.shop.shop_0.orders_0");
    assertThat(cached.dataChangeTopic(odd)).isEqualTo(plain.dataChangeTopic(odd));
    assertThat(cached.dataChangeTopic(new TableId("shop_0", null, "orders_0")))
        .isSameAs(cached.dataChangeTopic(orders));
  }
}
