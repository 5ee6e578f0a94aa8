package io.widerow.workload;

import java.util.ArrayList;
import java.util.List;

/** What the workload remembers of one live order, so that its next step writes valid versions. */
final class OrderState {

  /** Where an order is in its life. */
  enum Stage {
    CREATED,
    PAID,
    SHIPPED,
    DELIVERED,
    REFUNDED
  }

  final long orderNo;
  final String orderId;
  Stage stage = Stage.CREATED;
  long orderVersion = 1;
  long paymentVersion;
  long fulfillmentVersion;
  final List<long[]> items = new ArrayList<>(); // {itemId, version}
  final List<String> refunds = new ArrayList<>();
  double total;
  boolean deleted;
  boolean finished;

  private final DemoSchema schema;

  OrderState(DemoSchema schema, long orderNo) {
    this.schema = schema;
    this.orderNo = orderNo;
    this.orderId = DemoSchema.orderId(orderNo);
  }

  String table(String logical) {
    return schema.shardedTable(orderNo, logical);
  }
}
